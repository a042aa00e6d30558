import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { ApiError } from "../../../lib/api-client";
import { getAnalyticsQueryOptions } from "../api/get-analytics";
import type { Analytics } from "../api/types";
import { HeatMap } from "../components/heat-map";
import { Instrument } from "../components/instrument";
import { ReportList } from "../components/report-list";
import { ResponseRates } from "../components/response-rates";

type Shown = { name?: string };

/** A cycle's analytics (the default view) and every report of it (``?view=reports``): each view reads one route,
 * so the page makes at most two requests with GET /me. */
export function CycleReportsPage() {
  const { t, i18n } = useTranslation();
  const { cycleId = "" } = useParams();
  const [search] = useSearchParams();
  const location = useLocation();
  const view = search.get("view") === "reports" ? "reports" : "analytics";
  // Read on the analytics view only; on the reports view it still gives the name if it was read before.
  const analytics = useQuery({ ...getAnalyticsQueryOptions(cycleId, i18n.language), enabled: view === "analytics" });
  const name = analytics.data?.cycle.name ?? (location.state as Shown | null)?.name;
  const carried = { name };

  return (
    <>
      <p className="no-print">
        <Link to="/reports">{t("insight.index.back")}</Link>
      </p>
      <h1>{name ? t("insight.cycle.title", { name }) : t("insight.cycle.untitled")}</h1>
      <nav aria-label={t("insight.cycle.views")} className="subnav no-print">
        <Link to={`/reports/${encodeURIComponent(cycleId)}`} state={carried} aria-current={view === "analytics" ? "page" : undefined}>
          {t("insight.cycle.analytics")}
        </Link>
        <Link
          to={`/reports/${encodeURIComponent(cycleId)}?view=reports`}
          state={carried}
          aria-current={view === "reports" ? "page" : undefined}
        >
          {t("insight.cycle.reports")}
        </Link>
      </nav>
      {view === "reports" ? <ReportList cycleId={cycleId} /> : <AnalyticsView analytics={analytics} />}
    </>
  );
}

function AnalyticsView({ analytics }: { analytics: UseQueryResult<Analytics> }) {
  const { t } = useTranslation();
  if (analytics.isPending) return <p role="status">{t("app.loading")}</p>;
  if (analytics.isError) {
    if (analytics.error instanceof ApiError && analytics.error.status === 404) {
      return (
        <section className="card" aria-labelledby="no-analytics-title">
          <h2 id="no-analytics-title">{t("insight.cycle.noAnalytics")}</h2>
          <p>{t("insight.cycle.noAnalyticsText")}</p>
        </section>
      );
    }
    return <ErrorAlert error={analytics.error} />;
  }
  const found = analytics.data;
  return (
    <>
      <p>
        {t("insight.cycle.state", { state: t(`cycleState.${found.cycle.state}`, { defaultValue: found.cycle.state }) })}{" "}
        {t("insight.cycle.threshold", { count: found.threshold })}
      </p>
      <ResponseRates analytics={found} />
      <HeatMap analytics={found} />
      <Instrument analytics={found} />
    </>
  );
}

export default CycleReportsPage;
