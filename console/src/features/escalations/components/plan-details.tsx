import { useTranslation } from "react-i18next";
import { Day } from "../../../components/dates";

type Plan = { expectations: string; support: string; measures: string; review_dates: string[] };

/** An improvement plan's text and review dates, as agreed. */
export function PlanDetails({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <dl className="plan">
      <dt>{t("plan.expectations")}</dt>
      <dd className="prose">{plan.expectations}</dd>
      <dt>{t("plan.support")}</dt>
      <dd className="prose">{plan.support}</dd>
      <dt>{t("plan.measures")}</dt>
      <dd className="prose">{plan.measures}</dd>
      <dt>{t("plan.reviewDates")}</dt>
      <dd>
        <ul className="dates">
          {plan.review_dates.map((date) => (
            <li key={date}>
              <Day at={date} />
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
