import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { NotFoundMessage } from "../../../components/not-found-message";
import { ApiError } from "../../../lib/api-client";
import { useCycles } from "../api/get-cycles";
import { CycleFacts } from "../components/cycle-facts";

/** Every cycle of the organisation, newest first, with where it stands; and the way to create one. */
export function CyclesPage() {
  const { t } = useTranslation();
  const cycles = useCycles();
  if (cycles.isPending) return <p role="status">{t("app.loading")}</p>;
  if (cycles.isError) {
    if (cycles.error instanceof ApiError && cycles.error.isNotFound) {
      return <NotFoundMessage title={t("cycles.notFound")} text={t("cycles.forHr")} />;
    }
    return <ErrorAlert error={cycles.error} />;
  }
  return (
    <>
      <h1>{t("cycles.title")}</h1>
      <p>
        <Link className="button-link" to="/hr/cycles/new">
          {t("cycles.create")}
        </Link>
      </p>
      {cycles.data.cycles.length === 0 ? (
        <p>{t("cycles.none")}</p>
      ) : (
        <ul className="items card">
          {cycles.data.cycles.map((cycle) => (
            <li key={cycle.id} className="item">
              <Link className="item-title" to={`/hr/cycles/${encodeURIComponent(cycle.id)}`}>
                {cycle.name}
              </Link>
              <CycleFacts cycle={cycle} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export default CyclesPage;
