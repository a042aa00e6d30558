import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Day } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import { useCycles } from "../api/get-cycles";

/** States in which a cycle's reports exist (closed: being made). */
const WITH_REPORTS = new Set(["reported", "released"]);

/** The cycles with reports, newest first: each opens its analytics and its reports. */
export function ReportsIndexPage() {
  const { t } = useTranslation();
  const cycles = useCycles();

  if (cycles.isPending) return <p role="status">{t("app.loading")}</p>;
  if (cycles.isError) {
    return (
      <>
        <h1>{t("insight.index.title")}</h1>
        <ErrorAlert error={cycles.error} />
      </>
    );
  }
  const listed = cycles.data.filter((c) => WITH_REPORTS.has(c.state) || c.state === "closed");
  return (
    <>
      <h1>{t("insight.index.title")}</h1>
      <p>{t("insight.index.intro")}</p>
      <section aria-labelledby="cycles-title" className="card">
        <h2 id="cycles-title">{t("insight.index.cycles")}</h2>
        {listed.length === 0 ? (
          <p>{t("insight.index.none")}</p>
        ) : (
          <ul className="items">
            {listed.map((cycle) => (
              <li key={cycle.id} className="item">
                {WITH_REPORTS.has(cycle.state) ? (
                  <Link className="item-title" to={`/reports/${encodeURIComponent(cycle.id)}`} state={{ name: cycle.name }}>
                    {cycle.name}
                  </Link>
                ) : (
                  <span className="item-title">{cycle.name}</span>
                )}
                <dl className="facts">
                  <div>
                    <dt>{t("insight.index.state")}</dt>
                    <dd>{t(`cycleState.${cycle.state}`, { defaultValue: cycle.state })}</dd>
                  </div>
                  <div>
                    <dt>{t("insight.index.subjects")}</dt>
                    <dd>{cycle.subjects}</dd>
                  </div>
                  {cycle.closed_at && (
                    <div>
                      <dt>{t("insight.index.closed")}</dt>
                      <dd>
                        <Day at={cycle.closed_at} zone={cycle.time_zone} />
                      </dd>
                    </div>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export default ReportsIndexPage;
