import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import type { ReviewOutcome } from "../api/types";
import type { CaseStep } from "./case-actions";

const OUTCOMES: ReviewOutcome[] = ["improved", "extended", "closed"];

/** A follow-up review of the plan: its outcome, notes, and the decision when the case closes without improvement. */
export function ReviewForm({ step }: { step: CaseStep }) {
  const { t } = useTranslation();
  const id = useId();
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const [notes, setNotes] = useState("");
  const [decision, setDecision] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!outcome) return;
    step.send(
      {
        type: "review",
        outcome,
        notes: notes.trim(),
        ...(outcome === "closed" ? { decision: decision.trim() } : {}),
      },
      t("actions.reviewDone"),
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("actions.review")}</h3>
      <fieldset>
        <legend>
          {t("actions.outcome")} <span className="muted">{t("form.required")}</span>
        </legend>
        {OUTCOMES.map((option) => (
          <div key={option} className="radio">
            <input
              id={`${id}-${option}`}
              type="radio"
              name={`${id}-outcome`}
              value={option}
              required
              checked={outcome === option}
              onChange={() => setOutcome(option)}
              aria-describedby={`${id}-${option}-hint`}
            />
            <label htmlFor={`${id}-${option}`}>{t(`outcome.${option}`)}</label>
            <p id={`${id}-${option}-hint`} className="hint">
              {t(`actions.outcomeHint.${option}`)}
            </p>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-notes`}>
          {t("actions.notes")} <span className="muted">{t("form.required")}</span>
        </label>
        <textarea id={`${id}-notes`} required rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      {outcome === "closed" && (
        <div className="field">
          <label htmlFor={`${id}-decision`}>
            {t("actions.decision")} <span className="muted">{t("form.required")}</span>
          </label>
          <textarea
            id={`${id}-decision`}
            required
            rows={3}
            value={decision}
            onChange={(e) => setDecision(e.target.value)}
          />
        </div>
      )}
      <button type="submit" className="primary" disabled={step.pending}>
        {t("actions.reviewSubmit")}
      </button>
      {step.error && (
        <ErrorAlert
          error={step.error}
          fieldLabels={{ outcome: t("actions.outcome"), notes: t("actions.notes"), decision: t("actions.decision") }}
        />
      )}
    </form>
  );
}
