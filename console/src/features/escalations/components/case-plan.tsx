import { useTranslation } from "react-i18next";
import { Day } from "../../../components/dates";
import type { EscalationCase } from "../api/types";
import { personIn } from "../names";
import { PlanDetails } from "./plan-details";

/** The agreed plan, who agreed it when, and each review's outcome, notes and decision. */
export function CasePlan({ found }: { found: EscalationCase }) {
  const { t } = useTranslation();
  if (!found.plan) return null;
  return (
    <section aria-labelledby="plan-title" className="card">
      <h2 id="plan-title">{t("plan.title")}</h2>
      <p className="muted">
        {t("plan.agreedBy", { name: personIn(found, t, found.plan.agreed_by) })} <Day at={found.plan.agreed_at} />
      </p>
      <PlanDetails plan={found.plan} />
      <h3>{t("plan.reviews")}</h3>
      {found.reviews.length === 0 ? (
        <p>{t("plan.noReviews")}</p>
      ) : (
        <ul className="items">
          {found.reviews.map((review) => (
            <li key={review.at} className="item">
              <p className="item-title">
                <Day at={review.at} />: {t(`outcome.${review.outcome}`, { defaultValue: review.outcome })}
              </p>
              <p className="muted">{t("plan.reviewedBy", { name: personIn(found, t, review.by) })}</p>
              <p className="prose">{review.notes}</p>
              {review.decision && (
                <p className="prose">
                  <strong>{t("actions.decision")}:</strong> {review.decision}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
