import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useGoals } from "../api/get-goals";
import { GoalCard } from "./goal-card";
import { NewGoalForm } from "./new-goal-form";

/** A person's goals (the page the quarterly nudge links to): confirm them, record progress, adjust with a reason,
 * and set new ones. */
export function GoalsPage() {
  const { t } = useTranslation();
  const id = useId();
  const found = useGoals();
  return (
    <>
      <h1>{t("goals.title")}</h1>
      <p>{t("goals.intro")}</p>
      <section aria-labelledby={`${id}-yours`}>
        <h2 id={`${id}-yours`}>{t("goals.yours")}</h2>
        {found.isPending && <p role="status">{t("app.loading")}</p>}
        {found.isError && <ErrorAlert error={found.error} />}
        {found.data && found.data.goals.length === 0 && <p>{t("goals.none")}</p>}
        {found.data?.goals.map((goal) => {
          const above = goal.parent_id ? found.data.parents?.[goal.parent_id] : undefined;
          const parent = goal.parent_id && above ? { id: goal.parent_id, title: above.title } : undefined;
          return <GoalCard key={goal.id} goal={goal} parent={parent} />;
        })}
      </section>
      <section className="card">
        <NewGoalForm />
      </section>
    </>
  );
}

export default GoalsPage;
