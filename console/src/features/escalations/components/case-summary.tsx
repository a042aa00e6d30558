import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Deadline, Day } from "../../../components/dates";
import { useProfile } from "../../../components/session";
import type { EscalationCase } from "../api/types";
import { personIn } from "../names";
import { causeWords } from "../words";

/** Whom the case concerns, why it opened, where it stands and who must act by when. */
export function CaseSummary({ found }: { found: EscalationCase }) {
  const { t } = useTranslation();
  const profile = useProfile();
  const person = (who: string | null) =>
    who && who === profile.employeeId ? t("cases.you", { name: personIn(found, t, who) }) : personIn(found, t, who);
  const note = typeof found.source.note === "string" ? found.source.note : null;
  const cycle = typeof found.source.cycle_id === "string" ? found.source.cycle_id : null;
  const score = typeof found.source.score === "number" ? found.source.score : null;
  return (
    <section aria-label={t("cases.summary")} className="card">
      <dl className="facts summary">
        <div>
          <dt>{t("cases.concerns")}</dt>
          <dd>{person(found.employee_id)}</dd>
        </div>
        <div>
          <dt>{t("cases.cause")}</dt>
          <dd>
            {causeWords(t, found.cause)}
            {score !== null && <> ({t("cases.score", { score })})</>}
            {note && <span className="prose quote">{note}</span>}
            {cycle && (
              <>
                {" "}
                <Link to={`/reports/${encodeURIComponent(cycle)}/${encodeURIComponent(found.employee_id)}`}>
                  {t("cases.readReport")}
                </Link>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("cases.state")}</dt>
          <dd>{t(`caseState.${found.state}`, { defaultValue: found.state })}</dd>
        </div>
        <div>
          <dt>{t("cases.owner")}</dt>
          <dd>{person(found.owner)}</dd>
        </div>
        <div>
          <dt>{t("cases.level")}</dt>
          <dd>{found.level === 0 ? t("cases.notEscalated") : t("cases.escalated", { count: found.level })}</dd>
        </div>
        <div>
          <dt>{t("cases.due")}</dt>
          <dd>{found.due ? <Deadline at={found.due} /> : t("cases.noDue")}</dd>
        </div>
        <div>
          <dt>{t("cases.opened")}</dt>
          <dd>
            <Day at={found.opened_at} />
          </dd>
        </div>
        {found.closed_at && (
          <div>
            <dt>{t("cases.closed")}</dt>
            <dd>
              <Day at={found.closed_at} />
              {found.decision && <span className="prose quote">{found.decision}</span>}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
