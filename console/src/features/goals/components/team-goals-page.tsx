import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { useTeamGoals } from "../api/get-goals";
import { ProgressBar } from "./goal-card";

/** A manager's direct reports, each with their goals and progress, and who has not looked at their open goals
 * (changed them, recorded progress or confirmed them) since the quarter began. */
export function TeamGoalsPage() {
  const { t } = useTranslation();
  const id = useId();
  const found = useTeamGoals();
  const waiting = found.data?.people.filter((person) => person.open > 0 && !person.looked_at_this_quarter) ?? [];
  return (
    <>
      <h1>{t("goals.team.title")}</h1>
      <p>{t("goals.team.intro")}</p>
      {found.isPending && <p role="status">{t("app.loading")}</p>}
      {found.isError && <ErrorAlert error={found.error} />}
      {found.data && (
        <>
          <section aria-labelledby={`${id}-waiting`} className="card">
            <h2 id={`${id}-waiting`}>{t("goals.team.waiting", { quarter: found.data.quarter })}</h2>
            {waiting.length === 0 ? (
              <p>{t("goals.team.allLooked")}</p>
            ) : (
              <ul>
                {waiting.map((person) => (
                  <li key={person.id}>{person.name}</li>
                ))}
              </ul>
            )}
          </section>
          {found.data.people.length === 0 && <p>{t("goals.team.none")}</p>}
          {found.data.people.map((person) => (
            <section key={person.id} aria-labelledby={`${id}-${person.id}`} className="card">
              <h2 id={`${id}-${person.id}`}>{person.name}</h2>
              <p className="hint">
                {person.open === 0
                  ? t("goals.team.noOpen")
                  : person.looked_at_this_quarter
                    ? t("goals.team.looked")
                    : t("goals.team.notLooked")}
              </p>
              {person.goals.length > 0 && (
                <ul className="items">
                  {person.goals.map((goal) => (
                    <li className="item" key={goal.id}>
                      <p className="item-title">
                        <Link to={`/my-goals/${encodeURIComponent(goal.id)}`}>{goal.title}</Link>
                      </p>
                      <p className="goal-line">
                        <span>{t(`goals.status.${goal.status}`)}</span>
                        <ProgressBar share={goal.progress} label={t("goals.progressOf", { title: goal.title })} />
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}

export default TeamGoalsPage;
