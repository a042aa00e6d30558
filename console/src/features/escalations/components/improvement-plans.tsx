import { useTranslation } from "react-i18next";
import { Day } from "../../../components/dates";
import type { ImprovementPlan } from "../api/types";
import { PlanDetails } from "./plan-details";

/** The person's own improvement plans once agreed: what is expected of them, and how reviews went. */
export function ImprovementPlans({ plans }: { plans: ImprovementPlan[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="plans-title" className="card">
      <h2 id="plans-title">{t("plan.yourTitle")}</h2>
      {plans.length === 0 ? (
        <p>{t("plan.none")}</p>
      ) : (
        plans.map((plan, index) => (
          <article key={plan.case_id} aria-labelledby={`plan-${index}`} className="block">
            <h3 id={`plan-${index}`}>
              {t("plan.agreedOn")} <Day at={plan.agreed_at} />
            </h3>
            <p>{t(`plan.state.${plan.state}`, { defaultValue: plan.state })}</p>
            <PlanDetails plan={plan} />
            <h4>{t("plan.reviews")}</h4>
            {plan.reviews.length === 0 ? (
              <p>{t("plan.noReviews")}</p>
            ) : (
              <ul className="people">
                {plan.reviews.map((review) => (
                  <li key={review.at}>
                    <Day at={review.at} />: {t(`outcome.${review.outcome}`, { defaultValue: review.outcome })}
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))
      )}
    </section>
  );
}
