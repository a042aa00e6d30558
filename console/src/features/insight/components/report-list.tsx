import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { useSubjects } from "../api/get-subjects";

/** Every report of the cycle, a page of subjects at a time: each opens the report page its readers see. */
export function ReportList({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const subjects = useSubjects(cycleId);

  if (subjects.isPending) return <p role="status">{t("app.loading")}</p>;
  if (subjects.isError) return <ErrorAlert error={subjects.error} />;
  const listed = subjects.data.pages.flatMap((page) => page.subjects);
  return (
    <section aria-labelledby="reports-title" className="card">
      <h2 id="reports-title">{t("insight.reports.title")}</h2>
      <p>{t("insight.reports.intro")}</p>
      {listed.length === 0 ? (
        <p>{t("insight.reports.none")}</p>
      ) : (
        <ul className="items report-list">
          {listed.map((subject) => (
            <li key={subject.id} className="item">
              {subject.report ? (
                <Link className="item-title" to={`/reports/${encodeURIComponent(cycleId)}/${encodeURIComponent(subject.id)}`}>
                  {t("insight.reports.open", { name: subject.name })}
                </Link>
              ) : (
                <span className="item-title">{subject.name}</span>
              )}
              <p className="muted">
                {[subject.department, subject.report ? null : t("insight.reports.notBuilt")].filter(Boolean).join(" · ")}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="hint">
        {subjects.hasNextPage ? t("insight.reports.shownMore", { count: listed.length }) : t("insight.reports.shownAll", { count: listed.length })}
      </p>
      {subjects.hasNextPage && (
        <button type="button" onClick={() => void subjects.fetchNextPage()} disabled={subjects.isFetchingNextPage}>
          {subjects.isFetchingNextPage ? t("app.loading") : t("insight.reports.more")}
        </button>
      )}
    </section>
  );
}
