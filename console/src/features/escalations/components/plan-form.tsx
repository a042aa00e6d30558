import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { endOfDay, today } from "../../../lib/dates";
import type { CaseEventBody } from "../api/types";
import type { CaseStep } from "./case-actions";

/** The improvement plan: what is expected, the support given, how progress is measured, and when to review. */
export function PlanForm({ step }: { step: CaseStep }) {
  const { t } = useTranslation();
  const id = useId();
  const [texts, setTexts] = useState({ expectations: "", support: "", measures: "" });
  const [dates, setDates] = useState<string[]>([]);
  // Keyboard users land on the date they added, and on "add" again after removing one.
  const focusAfter = useRef<"added" | "removed" | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusAfter.current === "added") document.getElementById(`${id}-date-${dates.length - 1}`)?.focus();
    if (focusAfter.current === "removed") addButton.current?.focus();
    focusAfter.current = null;
  }, [dates.length, id]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = dates.filter(Boolean);
    const body: CaseEventBody = {
      type: "plan",
      expectations: texts.expectations.trim(),
      support: texts.support.trim(),
      measures: texts.measures.trim(),
      ...(chosen.length > 0 ? { review_dates: chosen.map(endOfDay) } : {}),
    };
    step.send(body, t("actions.planDone"));
  }

  const labels = { expectations: t("plan.expectations"), support: t("plan.support"), measures: t("plan.measures") };
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("actions.plan")}</h3>
      <p>{t("actions.planExplain")}</p>
      {(Object.keys(labels) as (keyof typeof labels)[]).map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`${id}-${field}`}>
            {labels[field]} <span className="muted">{t("form.required")}</span>
          </label>
          <p id={`${id}-${field}-hint`} className="hint">
            {t(`actions.hint.${field}`)}
          </p>
          <textarea
            id={`${id}-${field}`}
            required
            rows={4}
            aria-describedby={`${id}-${field}-hint`}
            value={texts[field]}
            onChange={(e) => setTexts((now) => ({ ...now, [field]: e.target.value }))}
          />
        </div>
      ))}
      <fieldset>
        <legend>{t("plan.reviewDates")}</legend>
        <p className="hint">{t("actions.reviewDatesHint")}</p>
        {dates.map((date, index) => (
          <div className="field inline" key={index}>
            <label htmlFor={`${id}-date-${index}`}>{t("actions.reviewDate", { number: index + 1 })}</label>
            <input
              id={`${id}-date-${index}`}
              type="date"
              min={today()}
              value={date}
              onChange={(e) => setDates((now) => now.map((d, i) => (i === index ? e.target.value : d)))}
            />
            <button
              type="button"
              onClick={() => {
                focusAfter.current = "removed";
                setDates((now) => now.filter((_, i) => i !== index));
              }}
            >
              {t("actions.removeDate", { number: index + 1 })}
            </button>
          </div>
        ))}
        {dates.length < 12 && (
          <button
            type="button"
            ref={addButton}
            onClick={() => {
              focusAfter.current = "added";
              setDates((now) => [...now, ""]);
            }}
          >
            {t("actions.addDate")}
          </button>
        )}
      </fieldset>
      <button type="submit" className="primary" disabled={step.pending}>
        {t("actions.planSubmit")}
      </button>
      {step.error && <ErrorAlert error={step.error} fieldLabels={{ ...labels, review_dates: t("plan.reviewDates") }} />}
    </form>
  );
}
