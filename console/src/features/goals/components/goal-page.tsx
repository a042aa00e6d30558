import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { Moment } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import { useGoal } from "../api/get-goals";
import type { GoalDetail, HistoryEntry } from "../api/types";
import { GoalCard, ProgressBar } from "./goal-card";

const page = (goalId: string) => `/my-goals/${encodeURIComponent(goalId)}`;

function Change({ entry, names }: { entry: HistoryEntry; names: Record<string, string> }) {
  const { t } = useTranslation();
  const fields = Object.keys(entry.changes);
  return (
    <li className="item">
      <p className="item-title">
        {t(`goals.kind.${entry.kind}`, { name: names[entry.by] ?? entry.by })} <Moment at={entry.at} />
      </p>
      {fields.length > 0 && entry.kind !== "confirmed" && (
        <p>{t("goals.changedFields", { fields: fields.map((f) => t(`goals.changed.${f.split(".")[0]}`)).join(", ") })}</p>
      )}
      {entry.reason && <p className="prose">{t("goals.why", { reason: entry.reason })}</p>}
      {entry.note && <p className="prose">{t("goals.note", { note: entry.note })}</p>}
    </li>
  );
}

function Tree({ goal }: { goal: GoalDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const chain = [...goal.parents].reverse(); // from the top down to this goal's parent
  return (
    <>
      <section aria-labelledby={`${id}-above`}>
        <h2 id={`${id}-above`}>{t("goals.above")}</h2>
        {chain.length === 0 ? (
          <p>{t("goals.atTheTop")}</p>
        ) : (
          <ol className="goal-chain">
            {chain.map((above) => (
              <li key={above.id}>
                <Link to={page(above.id)}>{above.title}</Link>{" "}
                <span className="hint">{goal.names[above.owner] ?? above.owner}</span>
              </li>
            ))}
            <li aria-current="page">{goal.title}</li>
          </ol>
        )}
      </section>
      <section aria-labelledby={`${id}-below`}>
        <h2 id={`${id}-below`}>{t("goals.below")}</h2>
        {goal.children.length === 0 ? (
          <p>{t("goals.noneBelow")}</p>
        ) : (
          <ul className="items">
            {goal.children.map((child) => (
              <li className="item" key={child.id}>
                <p className="item-title">
                  <Link to={page(child.id)}>{child.title}</Link>{" "}
                  <span className="hint">{goal.names[child.owner] ?? child.owner}</span>
                </p>
                <p>
                  <ProgressBar share={child.progress} label={t("goals.progressOf", { title: child.title })} />
                  {child.counts_in_parent === false && <span className="hint"> {t("goals.countsApart")}</span>}
                </p>
              </li>
            ))}
          </ul>
        )}
        {goal.more_children && <p className="hint">{t("goals.moreBelow")}</p>}
      </section>
    </>
  );
}

/** One goal's page: where it hangs (the chain above it and the goals below it that the reader may see), the goal
 * itself to record, confirm or adjust, and its history: who changed what, when and why. */
export function GoalPage() {
  const { t } = useTranslation();
  const id = useId();
  const { goalId = "" } = useParams();
  const found = useGoal(goalId);
  return (
    <>
      <p>
        <Link to="/my-goals">{t("goals.back")}</Link>
      </p>
      <h1>{t("goals.goalPage")}</h1>
      {found.isPending && <p role="status">{t("app.loading")}</p>}
      {found.isError && <ErrorAlert error={found.error} />}
      {found.data && (
        <>
          <GoalCard goal={found.data} linked={false} headingLevel={2} mayChange={found.data.may_change} />
          <Tree goal={found.data} />
          <section aria-labelledby={`${id}-history`}>
            <h2 id={`${id}-history`}>{t("goals.history")}</h2>
            <ul className="items">
              {found.data.history.map((entry) => (
                <Change key={entry.version} entry={entry} names={found.data.names} />
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}

export default GoalPage;
