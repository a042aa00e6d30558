import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Day, Moment } from "../../../components/dates";
import type { CaseEvent, EscalationCase } from "../api/types";
import { personIn } from "../names";
import { causeWords } from "../words";

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

/** One event of the audit trail in words: what happened, and the detail that matters to a reader. */
function EventWords({ event, found, t }: { event: CaseEvent; found: EscalationCase; t: TFunction }) {
  const detail = event.detail ?? {};
  switch (event.type) {
    case "opened":
      return <>{t("history.opened", { cause: causeWords(t, text(detail.cause) ?? found.cause) })}</>;
    case "acknowledged":
      return <>{detail.implied_by === "plan" ? t("history.acknowledgedByPlan") : t("history.acknowledged")}</>;
    case "plan_agreed":
      return (
        <>{t("history.planAgreed", { count: Array.isArray(detail.review_dates) ? detail.review_dates.length : 0 })}</>
      );
    case "reviewed": {
      const outcome = t(`outcome.${text(detail.outcome) ?? ""}`, { defaultValue: text(detail.outcome) ?? "" });
      const next = text(detail.next_review);
      return (
        <>
          {t("history.reviewed", { outcome })}
          {text(detail.notes) && <span className="prose quote">{text(detail.notes)}</span>}
          {text(detail.decision) && <span className="prose quote">{text(detail.decision)}</span>}
          {next && (
            <>
              {" "}
              {t("history.nextReview")} <Day at={next} />.
            </>
          )}
        </>
      );
    }
    case "escalated":
      return (
        <>
          {t("history.escalated", {
            missed: t(`history.missed.${text(detail.missed) ?? "step"}`, { defaultValue: text(detail.missed) ?? "" }),
            to: personIn(found, t, text(detail.to)),
          })}
        </>
      );
    case "closed":
      return (
        <>
          {t("history.closed")}
          {text(detail.decision) && <span className="prose quote">{text(detail.decision)}</span>}
        </>
      );
    default:
      return <>{event.type}</>;
  }
}

/** The case's audit trail, oldest first: when, who, what. */
export function CaseHistory({ found }: { found: EscalationCase }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="history-title" className="card">
      <h2 id="history-title">{t("history.title")}</h2>
      <ol className="history">
        {found.events.map((event, index) => (
          <li key={`${event.at}/${index}`}>
            <p className="history-when">
              <Moment at={event.at} /> · {personIn(found, t, event.by)}
            </p>
            <p>
              <EventWords event={event} found={found} t={t} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
