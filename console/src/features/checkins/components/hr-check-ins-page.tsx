import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { type DepartmentRow, useOrganisationCheckIns } from "../api/check-ins";

function share(value: number | null): string {
  return value == null ? "—" : `${Math.round(value * 100)} %`;
}

/** HR's view of check-ins: per department, the share of topics employees bring and the share of slots missed. */
export function HrCheckInsPage() {
  const { t } = useTranslation();
  const found = useOrganisationCheckIns();
  if (found.isPending) return <p role="status">{t("app.loading")}</p>;
  if (found.isError) return <ErrorAlert error={found.error} />;
  const { departments, other, hidden_departments, threshold } = found.data;
  const rows: DepartmentRow[] = other ? [...departments, other] : departments;
  return (
    <>
      <h1>{t("checkins.hr")}</h1>
      <p>{t("checkins.hrIntro", { threshold })}</p>
      {rows.length === 0 ? (
        <p>{t("checkins.hrNone")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t("checkins.hrTable")} tabIndex={0}>
          <table className="checkin-table">
            <caption>{t("checkins.hrTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("checkins.department")}</th>
                <th scope="col">{t("checkins.pairs")}</th>
                <th scope="col">{t("checkins.employeeShare")}</th>
                <th scope="col">{t("checkins.missedShare")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.department ?? "other"}>
                  <th scope="row">{row.department ?? t("checkins.other")}</th>
                  <td>{row.pairs}</td>
                  <td>{share(row.employee_topic_share)}</td>
                  <td>{share(row.missed_share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hidden_departments > 0 && <p>{t("checkins.hidden", { count: hidden_departments })}</p>}
    </>
  );
}

export default HrCheckInsPage;
