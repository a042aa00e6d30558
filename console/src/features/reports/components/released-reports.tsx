import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Day } from "../../../components/dates";
import type { ReleasedReport } from "../api/types";

/** The person's own released reports, newest first, each opening the report page. */
export function ReleasedReports({ reports }: { reports: ReleasedReport[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="reports-title" className="card">
      <h2 id="reports-title">{t("reports.title")}</h2>
      {reports.length === 0 ? (
        <p>{t("reports.none")}</p>
      ) : (
        <ul className="items">
          {reports.map((report) => (
            <li key={report.cycle_id} className="item">
              <Link to={report.path}>{t("reports.open", { cycle: report.cycle_name })}</Link>{" "}
              <span className="muted">
                {t("reports.released")} <Day at={report.released_at} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
