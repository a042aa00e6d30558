import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useReportHtml } from "../features/reports/api/get-report-html";
import { ReportFrame } from "../features/reports/components/report-frame";
import { ApiError } from "../lib/api-client";

export function ReportPage() {
  const { t, i18n } = useTranslation();
  const { cycleId = "", employeeId = "" } = useParams();
  const report = useReportHtml(cycleId, employeeId, i18n.language);

  if (report.isPending) return <p role="status">{t("app.loading")}</p>;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.isNotFound) {
      return (
        <>
          <h1>{t("reports.notFound")}</h1>
          <p>{t("reports.notFoundText")}</p>
          <Link to="/">{t("notFound.back")}</Link>
        </>
      );
    }
    return <p role="alert">{t("app.error", { message: report.error.message })}</p>;
  }
  return (
    <>
      <h1 className="no-print">{t("reports.pageTitle")}</h1>
      <ReportFrame html={report.data} title={t("reports.frameTitle", { employee: employeeId, cycle: cycleId })} />
    </>
  );
}
