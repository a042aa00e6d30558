import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Day } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import { Link } from "react-router-dom";
import { useChangeGoal, useConfirmGoal, useRecordProgress } from "../api/save-goal";
import type { Goal, KeyResult } from "../api/types";
import { percent } from "../findings";

const STATUSES: Goal["status"][] = ["on_track", "at_risk", "off_track", "done", "dropped"];

export function ProgressBar({ share, label }: { share: number | null; label: string }) {
  const { t } = useTranslation();
  const whole = percent(share);
  if (whole == null) return <span>{t("goals.noProgress")}</span>;
  return (
    <span className="goal-progress">
      <progress max={100} value={whole} aria-label={label} /> {t("goals.percent", { value: whole })}
    </span>
  );
}

function KeyResultRow({ goal, keyResult, mayChange }: { goal: Goal; keyResult: KeyResult; mayChange: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(String(keyResult.current));
  const record = useRecordProgress(goal.id);
  function submit(event: FormEvent) {
    event.preventDefault();
    record.mutate({ key_result_id: keyResult.id, value: Number(value) });
  }
  return (
    <li className="item">
      <p className="item-title">{keyResult.title}</p>
      <p>
        {t("goals.standing", {
          current: keyResult.current,
          target: keyResult.target,
          start: keyResult.start,
          unit: keyResult.unit ?? "",
        })}{" "}
        <ProgressBar share={keyResult.progress} label={t("goals.progressOf", { title: keyResult.title })} />
      </p>
      {mayChange && (
        <form onSubmit={submit} className="goal-record">
          <label htmlFor={`${id}-value`}>{t("goals.newValue", { title: keyResult.title })}</label>
          <input
            id={`${id}-value`}
            type="number"
            step="any"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" disabled={record.isPending || value === ""}>
            {t("goals.record")}
          </button>
        </form>
      )}
      {record.isError && <ErrorAlert error={record.error} />}
    </li>
  );
}

function Adjust({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const id = useId();
  const [due, setDue] = useState(goal.due);
  const [status, setStatus] = useState(goal.status);
  const [reason, setReason] = useState("");
  const change = useChangeGoal(goal);
  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate({ due, status, reason }, { onSuccess: () => setReason("") });
  }
  return (
    <details className="disclosure">
      <summary>{t("goals.adjust")}</summary>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t("goals.field.due")}</label>
          <input id={`${id}-due`} type="date" value={due} onChange={(event) => setDue(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("goals.field.status")}</label>
          <select id={`${id}-status`} value={status} onChange={(event) => setStatus(event.target.value as Goal["status"])}>
            {STATUSES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`goals.status.${choice}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            {t("goals.field.reason")} <span className="hint">{t("form.required")}</span>
          </label>
          <textarea id={`${id}-reason`} required value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        {change.isError && <ErrorAlert error={change.error} />}
        {change.isSuccess && (
          <p className="done" role="status">
            {t("goals.adjusted")}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={change.isPending || !reason.trim()}>
            {t("goals.saveChange")}
          </button>
        </div>
      </form>
    </details>
  );
}

/** Confirm the goal as it is for this quarter: the quarterly nudge asks for it. */
function Confirm({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const confirm = useConfirmGoal(goal.id);
  return (
    <div className="goal-confirm">
      <button type="button" onClick={() => confirm.mutate()} disabled={confirm.isPending}>
        {t("goals.confirm")}
      </button>
      {confirm.isSuccess && (
        <span className="done" role="status">
          {t("goals.confirmed")}
        </span>
      )}
      {confirm.isError && <ErrorAlert error={confirm.error} />}
    </div>
  );
}

/** One goal: where it stands and what it supports, its key results with a way to record each, a way to confirm
 * it for the quarter and to adjust it with a reason; `linked` adds the way to its own page. */
export function GoalCard({
  goal,
  parent,
  linked = true,
  headingLevel = 3,
  mayChange = true,
}: {
  goal: Goal;
  parent?: { id: string; title: string };
  linked?: boolean;
  headingLevel?: 2 | 3;
  mayChange?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{goal.title}</Heading>
      {parent && (
        <p className="goal-supports">
          {t("goals.supports")} <Link to={`/my-goals/${encodeURIComponent(parent.id)}`}>{parent.title}</Link>
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t("goals.field.status")}</dt>
          <dd>{t(`goals.status.${goal.status}`)}</dd>
        </div>
        <div>
          <dt>{t("goals.field.due")}</dt>
          <dd>
            <Day at={goal.due} />
          </dd>
        </div>
        <div>
          <dt>{t("goals.progress")}</dt>
          <dd>
            <ProgressBar share={goal.progress} label={t("goals.progressOf", { title: goal.title })} />
          </dd>
        </div>
        {goal.visibility === "private" && (
          <div>
            <dt>{t("goals.field.visibility")}</dt>
            <dd>{t("goals.visibility.private")}</dd>
          </div>
        )}
      </dl>
      {goal.measure && <p className="prose">{t("goals.measuredBy", { measure: goal.measure })}</p>}
      {goal.key_results.length > 0 && (
        <>
          <h4>{t("goals.keyResults")}</h4>
          <ul className="items">
            {goal.key_results.map((keyResult) => (
              <KeyResultRow key={keyResult.id} goal={goal} keyResult={keyResult} mayChange={mayChange} />
            ))}
          </ul>
        </>
      )}
      {mayChange && <Confirm goal={goal} />}
      {mayChange && <Adjust goal={goal} />}
      {linked && (
        <p>
          <Link to={`/my-goals/${encodeURIComponent(goal.id)}`}>{t("goals.open", { title: goal.title })}</Link>
        </p>
      )}
    </article>
  );
}
