import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useDepartmentGoals } from "../api/get-goals";
import type { DepartmentGoalsRow } from "../api/types";

const BANDS = ["none", "0-25", "25-50", "50-75", "75-100"] as const;

function share(value: number | null): string {
  return value == null ? "—" : `${Math.round(value * 100)} %`;
}

/** HR's goal alignment by department this quarter: who has open goals, how many hang under a parent, how far
 * they have come and who looked at theirs; never per person, and no total to subtract a hidden department from. */
export function HrGoalsPage() {
  const { t } = useTranslation();
  const found = useDepartmentGoals();
  if (found.isPending) return <p role="status">{t("app.loading")}</p>;
  if (found.isError) return <ErrorAlert error={found.error} />;
  const { departments, other, hidden_departments, threshold, quarter } = found.data;
  const rows: DepartmentGoalsRow[] = other ? [...departments, other] : departments;
  return (
    <>
      <h1>{t("goals.hr.title")}</h1>
      <p>{t("goals.hr.intro", { threshold, quarter })}</p>
      {rows.length === 0 ? (
        <p>{t("goals.hr.none")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t("goals.hr.table", { quarter })} tabIndex={0}>
          <table className="hr-goals-table">
            <caption>{t("goals.hr.table", { quarter })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("goals.hr.department")}</th>
                <th scope="col">{t("goals.hr.people")}</th>
                <th scope="col">{t("goals.hr.goals")}</th>
                <th scope="col">{t("goals.hr.aligned")}</th>
                <th scope="col">{t("goals.hr.progress")}</th>
                <th scope="col">{t("goals.hr.looked")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const name = row.department ?? t("goals.hr.other", { count: other?.departments ?? 0 });
                return (
                  <tr key={row.department ?? "other"}>
                    <th scope="row">{name}</th>
                    <td data-label={t("goals.hr.people")}>{row.people}</td>
                    <td data-label={t("goals.hr.goals")}>{row.goals}</td>
                    <td data-label={t("goals.hr.aligned")}>
                      {share(row.aligned_share)} <span className="hr-goals-count">({row.aligned})</span>
                    </td>
                    <td data-label={t("goals.hr.progress")}>
                      <ul className="hr-goals-bands" aria-label={t("goals.hr.progressOf", { department: name })}>
                        {BANDS.map((band) => (
                          <li key={band}>
                            {t(`goals.hr.band.${band}`)}: {row.progress[band]}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-label={t("goals.hr.looked")}>{row.looked_at}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {hidden_departments > 0 && <p>{t("goals.hr.hidden", { count: hidden_departments })}</p>}
    </>
  );
}

export default HrGoalsPage;
