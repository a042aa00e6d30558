import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Deadline } from "../../../components/dates";
import { causeWords } from "../../escalations/words";
import type { ListedCase } from "../api/get-cases";

/** One case in HR's list: whom it is about (a link to its page and history), its department, why it opened,
 * where it stands, who must act, its escalation level and when the next step is due. */
export function CaseRow({ found, names }: { found: ListedCase; names: Record<string, string> }) {
  const { t } = useTranslation();
  const name = names[found.employee_id] ?? found.employee_id;
  const department = found.department
    ? found.department
    : found.employee_department
      ? t("casework.departmentToday", { department: found.employee_department })
      : t("casework.noDepartment");
  return (
    <li className="item">
      <Link className="item-title" to={`/cases/${encodeURIComponent(found.id)}`}>
        {t("cases.about", { name })}
      </Link>
      <dl className="facts">
        <div>
          <dt>{t("casework.department")}</dt>
          <dd>{department}</dd>
        </div>
        <div>
          <dt>{t("cases.cause")}</dt>
          <dd>{causeWords(t, found.cause)}</dd>
        </div>
        <div>
          <dt>{t("cases.state")}</dt>
          <dd>{t(`caseState.${found.state}`, { defaultValue: found.state })}</dd>
        </div>
        <div>
          <dt>{t("cases.owner")}</dt>
          <dd>{found.owner ? (names[found.owner] ?? found.owner) : t("cases.hr")}</dd>
        </div>
        <div>
          <dt>{t("cases.level")}</dt>
          <dd>{found.level > 0 ? t("cases.escalated", { count: found.level }) : t("cases.notEscalated")}</dd>
        </div>
        <div>
          <dt>{t("cases.due")}</dt>
          <dd>{found.due ? <Deadline at={found.due} /> : t("cases.noDue")}</dd>
        </div>
      </dl>
    </li>
  );
}
