import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { type Action, type Plan, useChangeAction } from "../api/plan";

const STATUSES: Action["status"][] = ["open", "in_progress", "done", "dropped"];

/** One action: the employee marks progress (status, due date, note); the employee and their managers comment. An
 * improvement plan's measure keeps the plan's date and is not dropped; once the plan has ended it stays as it is. */
export function ActionCard({ plan, action }: { plan: Plan; action: Action }) {
  const { t } = useTranslation();
  const id = useId();
  const change = useChangeAction(plan.employee_id, action.id);
  const [status, setStatus] = useState(action.status);
  const [due, setDue] = useState(action.due ?? "");
  const [note, setNote] = useState(action.note ?? "");
  const [comment, setComment] = useState("");

  const agreed = action.kind === "case";
  const statuses = agreed ? STATUSES.filter((s) => s !== "dropped" || action.status === "dropped") : STATUSES;

  function save(event: FormEvent) {
    event.preventDefault();
    change.mutate(agreed ? { status, note: note || null } : { status, due: due || null, note: note || null });
  }
  function say(event: FormEvent) {
    event.preventDefault();
    change.mutate({ comment }, { onSuccess: () => setComment("") });
  }
  return (
    <li className="item dev-action">
      <p className="item-title">{action.title}</p>
      <p className="dev-meta">
        <span className={`badge dev-${action.status}`}>{t(`development.status.${action.status}`)}</span>{" "}
        {action.due && t("development.dueOn", { due: action.due })}
      </p>
      {action.note && !plan.may_change && <p>{action.note}</p>}
      {agreed && action.case_closed && <p className="hint">{t("development.planEnded")}</p>}
      {plan.may_change && !(agreed && action.case_closed) && (
        <form onSubmit={save} className="dev-progress">
          <label htmlFor={`${id}-status`}>{t("development.statusLabel")}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Action["status"])}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`development.status.${s}`)}
              </option>
            ))}
          </select>
          {!agreed && (
            <>
              <label htmlFor={`${id}-due`}>{t("development.due")}</label>
              <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
            </>
          )}
          <label htmlFor={`${id}-note`}>{t("development.note")}</label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          <button type="submit" disabled={change.isPending}>
            {t("development.save")}
          </button>
        </form>
      )}
      {action.comments.length > 0 && (
        <ul className="dev-comments" aria-label={t("development.comments")}>
          {action.comments.map((c, n) => (
            <li key={n}>
              <strong>{plan.names[c.by] ?? c.by}</strong>: {c.text}
            </li>
          ))}
        </ul>
      )}
      {plan.may_comment && (
        <form onSubmit={say} className="dev-comment">
          <label htmlFor={`${id}-comment`}>{t("development.comment")}</label>
          <input id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
          <button type="submit" disabled={change.isPending || !comment.trim()}>
            {t("development.addComment")}
          </button>
        </form>
      )}
      {change.isError && <ErrorAlert error={change.error} />}
    </li>
  );
}
