import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useProfile } from "../../../components/session";
import { useRoles } from "../../people/roles";
import { useCaseEvent } from "../api/post-case-event";
import type { CaseEventBody, EscalationCase } from "../api/types";
import { allowedActions, type CaseAction } from "../case-actions";
import { personIn } from "../names";
import { CloseForm } from "./close-form";
import { PlanForm } from "./plan-form";
import { ReviewForm } from "./review-form";

/** What a step's form needs: send the event (with the words to say once done), and how the last try went. */
export type CaseStep = {
  send: (event: CaseEventBody, done: string) => void;
  pending: boolean;
  error: Error | null;
  action: CaseAction;
};

/** The steps the case's state allows the reader, each a form; or why there is nothing for them to do. */
export function CaseActions({ found }: { found: EscalationCase }) {
  const { t } = useTranslation();
  const profile = useProfile();
  const roles = useRoles();
  const event = useCaseEvent(found.id);
  const [done, setDone] = useState("");
  const [last, setLast] = useState<CaseAction | null>(null);
  const actions = allowedActions(found, { employeeId: profile.employeeId, roles });

  const stepFor = (action: CaseAction): CaseStep => ({
    action,
    pending: event.isPending,
    error: last === action ? event.error : null,
    send: (body, words) => {
      setLast(action);
      setDone("");
      event.mutate(body, { onSuccess: () => setDone(words) });
    },
  });

  return (
    <section aria-labelledby="actions-title" className="card">
      <h2 id="actions-title">{t("actions.title")}</h2>
      <p role="status" className={done ? "done" : undefined}>
        {done}
      </p>
      {actions.length === 0 &&
        (found.state === "closed" ? (
          <p>{t("actions.closedCase")}</p>
        ) : (
          <p>{t("actions.notYours", { owner: personIn(found, t, found.owner) })}</p>
        ))}
      {actions.includes("acknowledge") && <Acknowledge step={stepFor("acknowledge")} />}
      {actions.includes("plan") && <PlanForm step={stepFor("plan")} />}
      {actions.includes("review") && <ReviewForm step={stepFor("review")} />}
      {actions.includes("close") && <CloseForm step={stepFor("close")} />}
    </section>
  );
}

function Acknowledge({ step }: { step: CaseStep }) {
  const { t } = useTranslation();
  return (
    <div>
      <h3>{t("actions.acknowledge")}</h3>
      <p>{t("actions.acknowledgeExplain")}</p>
      <button
        type="button"
        className="primary"
        disabled={step.pending}
        onClick={() => step.send({ type: "acknowledge" }, t("actions.acknowledgeDone"))}
      >
        {t("actions.acknowledgeSubmit")}
      </button>
      {step.error && (
        <p role="alert" className="alert">
          {t("app.error", { message: step.error.message })}
        </p>
      )}
    </div>
  );
}
