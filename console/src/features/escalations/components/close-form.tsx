import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import type { CaseStep } from "./case-actions";

/** HR closes a case outright, saying what was decided. */
export function CloseForm({ step }: { step: CaseStep }) {
  const { t } = useTranslation();
  const id = useId();
  const [decision, setDecision] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    step.send({ type: "close", decision: decision.trim() }, t("actions.closeDone"));
  }

  return (
    <details className="disclosure">
      <summary>{t("actions.close")}</summary>
      <form onSubmit={submit}>
        <p>{t("actions.closeExplain")}</p>
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
        <button type="submit" className="danger" disabled={step.pending}>
          {t("actions.closeSubmit")}
        </button>
        {step.error && <ErrorAlert error={step.error} fieldLabels={{ decision: t("actions.decision") }} />}
      </form>
    </details>
  );
}
