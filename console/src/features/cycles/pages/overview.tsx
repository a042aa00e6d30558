import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Day, Deadline } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import { NotFoundMessage } from "../../../components/not-found-message";
import { ApiError } from "../../../lib/api-client";
import { useOverview } from "../api/get-overview";
import { needsOf, type Need } from "../attention";
import { CycleFacts } from "../components/cycle-facts";
import { percent } from "../events";

function NeedItem({ need }: { need: Need }) {
  const { t, i18n } = useTranslation();
  const { cycle } = need;
  const link = (
    <Link to={`/hr/cycles/${encodeURIComponent(cycle.id)}`} className="item-title">
      {cycle.name}
    </Link>
  );
  if (need.kind === "deadline") {
    return (
      <li className="item">
        {link}
        <p>
          {t("cycles.needs.deadline", { rate: percent(cycle.progress.response_rate, i18n.language) })}{" "}
          <Deadline at={cycle.deadline} zone={cycle.time_zone} />
        </p>
      </li>
    );
  }
  return (
    <li className="item">
      {link}
      <p>{t(`cycles.needs.${need.kind}`, { count: "count" in need ? need.count : 0 })}</p>
    </li>
  );
}

/** HR's home: every cycle still running, and what needs HR now. One request: GET /organisation/overview. */
export function OverviewPage() {
  const { t } = useTranslation();
  const overview = useOverview();
  if (overview.isPending) return <p role="status">{t("app.loading")}</p>;
  if (overview.isError) {
    if (overview.error instanceof ApiError && overview.error.isNotFound) {
      return <NotFoundMessage title={t("cycles.notFound")} text={t("cycles.forHr")} />;
    }
    return <ErrorAlert error={overview.error} />;
  }
  const data = overview.data;
  const needs = needsOf(data);
  const late = data.cases_past_due;
  return (
    <>
      <h1>{t("cycles.overview.title")}</h1>
      <section aria-labelledby="needs-title" className="card">
        <h2 id="needs-title">{t("cycles.overview.needs")}</h2>
        {needs.length === 0 && late.length === 0 ? (
          <p>{t("cycles.overview.nothing")}</p>
        ) : (
          <ul className="items">
            {needs.map((need) => (
              <NeedItem key={`${need.kind}-${need.cycle.id}`} need={need} />
            ))}
            {late.map((c) => (
              <li key={c.id} className="item">
                <Link to={c.path} className="item-title">
                  {t("cases.about", { name: c.employee_name ?? c.employee_id })}
                </Link>
                <p>
                  {t("cycles.needs.caseLate", { owner: c.owner_name ?? t("cases.hr") })}{" "}
                  {c.due && <Day at={c.due} />}
                </p>
              </li>
            ))}
          </ul>
        )}
        {data.more_cases && <p className="muted">{t("cycles.overview.newestCases", { count: data.cases_read })}</p>}
      </section>
      <section aria-labelledby="running-title" className="card">
        <h2 id="running-title">{t("cycles.overview.running")}</h2>
        {data.cycles.length === 0 ? (
          <p>{t("cycles.overview.noneRunning")}</p>
        ) : (
          <ul className="items">
            {data.cycles.map((cycle) => (
              <li key={cycle.id} className="item">
                <Link className="item-title" to={`/hr/cycles/${encodeURIComponent(cycle.id)}`}>
                  {cycle.name}
                </Link>
                <CycleFacts cycle={cycle} />
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link className="button-link" to="/hr/cycles/new">
            {t("cycles.create")}
          </Link>
        </p>
      </section>
    </>
  );
}

export default OverviewPage;
