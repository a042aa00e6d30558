import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { formatDeadline } from "../../../lib/dates";
import { useCycleEvent } from "../api/post-cycle-event";
import type { CycleEventType, CyclePage } from "../api/types";
import { eventsFor, openForms } from "../events";
import { shortfallText } from "./shortfalls";

/**
 * What HR can do with the cycle in its state. Each action first says what it will do, with the numbers it
 * concerns, and is sent only once HR confirms; launching with subjects short of raters lists them and asks to
 * launch anyway.
 */
export function CycleEvents({ page }: { page: CyclePage }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { cycle } = page;
  const send = useCycleEvent(cycle.id);
  const [chosen, setChosen] = useState<CycleEventType | null>(null);
  const [done, setDone] = useState<CycleEventType | null>(null);
  const [day, setDay] = useState("");
  const explanation = useRef<HTMLParagraphElement>(null);
  const events = eventsFor(cycle.state);

  useEffect(() => {
    if (chosen) explanation.current?.focus();
  }, [chosen]);

  if (events.length === 0 && !done) return null;
  const deadline = formatDeadline(cycle.deadline, i18n.language, cycle.time_zone);
  const values = {
    deadline,
    zone: cycle.time_zone,
    open: openForms(cycle.progress),
    max: cycle.reminders.max,
    subjects: cycle.subjects,
    count: page.short.total,
  };
  const short = chosen === "launch" && page.short.total > 0;

  function choose(event: CycleEventType) {
    send.reset();
    setDone(null);
    setChosen(event);
  }

  function confirm(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    const body = { type: chosen, ...(chosen === "extend" ? { deadline: day } : {}), ...(short ? { force: true } : {}) };
    send.mutate(body, {
      onSuccess: () => {
        setDone(chosen);
        setChosen(null);
        setDay("");
      },
    });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t("cycles.actions")}</h2>
      <div role="status">{done && <p className="done">{t(`cycles.event.${done}.done`, values)}</p>}</div>
      {chosen === null ? (
        <div className="actions">
          {events.map((event) => (
            <button
              key={event}
              type="button"
              className={event === "cancel" ? undefined : "primary"}
              onClick={() => choose(event)}
            >
              {t(`cycles.event.${event}.label`)}
            </button>
          ))}
        </div>
      ) : (
        <form className={chosen === "cancel" || short ? "confirm" : "confirm calm"} onSubmit={confirm}>
          <h3>{t(`cycles.event.${chosen}.label`)}</h3>
          <p ref={explanation} tabIndex={-1}>
            {t(`cycles.event.${chosen}.explain`, values)}
          </p>
          {short && (
            <>
              <p>
                <strong>{t("cycles.event.launch.short", values)}</strong>
              </p>
              <ul className="people">
                {page.short.subjects.map((s) => (
                  <li key={s.id}>
                    {s.name}: {shortfallText(t, s.shortfalls)}
                  </li>
                ))}
              </ul>
              {page.short.total > page.short.subjects.length && (
                <p>{t("cycles.andMore", { count: page.short.total - page.short.subjects.length })}</p>
              )}
              <p>{t("cycles.event.launch.anywayExplain")}</p>
            </>
          )}
          {chosen === "extend" && (
            <div className="field">
              <label htmlFor={`${id}-day`}>{t("cycles.newDeadline")}</label>
              <p className="hint" id={`${id}-day-hint`}>
                {t("cycles.deadlineHint", { zone: cycle.time_zone })}
              </p>
              <input
                id={`${id}-day`}
                type="date"
                required
                aria-describedby={`${id}-day-hint`}
                value={day}
                onChange={(e) => setDay(e.target.value)}
              />
            </div>
          )}
          <div className="actions">
            <button type="submit" className={chosen === "cancel" || short ? "danger" : "primary"} disabled={send.isPending}>
              {short ? t("cycles.event.launch.anyway") : t(`cycles.event.${chosen}.confirm`)}
            </button>
            <button type="button" onClick={() => setChosen(null)}>
              {t("cycles.goBack")}
            </button>
          </div>
          {send.isError && <ErrorAlert error={send.error} fieldLabels={{ deadline: t("cycles.newDeadline") }} />}
        </form>
      )}
    </section>
  );
}
