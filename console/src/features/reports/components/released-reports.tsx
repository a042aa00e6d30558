import { useTranslation } from "react-i18next";

// The API has no "my released reports" route yet: a subject reads a report through the link in
// the e-mail that announces its release (GET /cycles/{id}/reports/{employee} with their own token).
export function ReleasedReports() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="reports-title" className="card">
      <h2 id="reports-title">{t("reports.title")}</h2>
      <p>{t("reports.byEmail")}</p>
    </section>
  );
}
