import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Deadline } from "../../../components/dates";
import { causeWords } from "../../escalations/words";
import type { OwnedCase } from "../api/get-team";

/** The cases the manager owns, oldest deadline first: each a link to the case page. */
export function OwnedCases({ cases }: { cases: OwnedCase[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="owned-cases-title" className="card">
      <h2 id="owned-cases-title">{t("team.casesToActOn")}</h2>
      {cases.length === 0 ? (
        <p>{t("team.noCasesToActOn")}</p>
      ) : (
        <ul className="items">
          {cases.map((found) => (
            <li key={found.id} className="item">
              <Link className="item-title" to={`/cases/${encodeURIComponent(found.id)}`}>
                {t("cases.about", { name: found.employee_name })}
              </Link>
              <dl className="facts">
                <div>
                  <dt>{t("cases.cause")}</dt>
                  <dd>{causeWords(t, found.cause)}</dd>
                </div>
                <div>
                  <dt>{t("cases.state")}</dt>
                  <dd>{t(`caseState.${found.state}`, { defaultValue: found.state })}</dd>
                </div>
                <div>
                  <dt>{t("cases.due")}</dt>
                  <dd>{found.due ? <Deadline at={found.due} /> : t("cases.noDue")}</dd>
                </div>
                {found.level > 0 && (
                  <div>
                    <dt>{t("cases.level")}</dt>
                    <dd>{t("cases.escalated", { count: found.level })}</dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
