import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Day } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import {
  type CheckIn,
  useAddAction,
  useAddTopic,
  useCheckIn,
  useComplete,
  useMarkDone,
  useSaveNotes,
} from "../api/check-ins";

function Agenda({ checkIn, me }: { checkIn: CheckIn; me: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const add = useAddTopic(checkIn.id);
  const open = checkIn.state === "open" && checkIn.may_change;
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(text, { onSuccess: () => setText("") });
  }
  return (
    <section aria-labelledby={`${id}-agenda`}>
      <h3 id={`${id}-agenda`}>{t("checkins.agenda")}</h3>
      {checkIn.topics.length === 0 ? (
        <p>{t("checkins.noTopics")}</p>
      ) : (
        <ul className="checkin-list">
          {checkIn.topics.map((topic) => (
            <li key={topic.id}>
              {topic.text}{" "}
              <span className="checkin-by">
                ({topic.by === me ? t("checkins.byYou") : t(`checkins.side.${topic.side}`)})
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form onSubmit={submit} className="checkin-form">
          <label htmlFor={`${id}-topic`}>{t("checkins.addTopic")}</label>
          <input type="text" id={`${id}-topic`} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} required />
          <button type="submit" disabled={add.isPending}>
            {t("checkins.add")}
          </button>
          {add.isError && <ErrorAlert error={add.error} />}
        </form>
      )}
    </section>
  );
}

function Notes({ checkIn }: { checkIn: CheckIn }) {
  const { t } = useTranslation();
  const id = useId();
  const [shared, setShared] = useState(checkIn.shared_notes?.text ?? "");
  const [mine, setMine] = useState(checkIn.private_notes?.text ?? "");
  const [saved, setSaved] = useState(false);
  const save = useSaveNotes(checkIn.id);
  useEffect(() => setSaved(false), [shared, mine]);
  function submit(event: FormEvent) {
    event.preventDefault();
    const body: { shared: string; private?: string } = { shared };
    if (checkIn.private_notes) body.private = mine;
    save.mutate(body, { onSuccess: () => setSaved(true) });
  }
  if (!checkIn.may_change) {
    return (
      <section aria-labelledby={`${id}-notes`}>
        <h3 id={`${id}-notes`}>{t("checkins.sharedNotes")}</h3>
        <p className="checkin-notes">{checkIn.shared_notes?.text || t("checkins.noNotes")}</p>
      </section>
    );
  }
  return (
    <form onSubmit={submit} className="checkin-form" aria-labelledby={`${id}-notes`}>
      <h3 id={`${id}-notes`}>{t("checkins.notes")}</h3>
      <label htmlFor={`${id}-shared`}>{t("checkins.sharedNotes")}</label>
      <p id={`${id}-shared-hint`} className="hint">
        {t("checkins.sharedHint")}
      </p>
      <textarea
        id={`${id}-shared`}
        aria-describedby={`${id}-shared-hint`}
        value={shared}
        onChange={(e) => setShared(e.target.value)}
        rows={4}
      />
      {checkIn.private_notes && (
        <div className="checkin-private">
          <label htmlFor={`${id}-private`}>{t("checkins.privateNotes")}</label>
          <p id={`${id}-private-hint`} className="hint">
            <strong>{t("checkins.onlyYou")}</strong>
          </p>
          <textarea
            id={`${id}-private`}
            aria-describedby={`${id}-private-hint`}
            value={mine}
            onChange={(e) => setMine(e.target.value)}
            rows={3}
          />
        </div>
      )}
      <button type="submit" disabled={save.isPending}>
        {t("checkins.saveNotes")}
      </button>
      {saved && <p role="status">{t("checkins.notesSaved")}</p>}
      {save.isError && <ErrorAlert error={save.error} />}
    </form>
  );
}

function Actions({ checkIn, me }: { checkIn: CheckIn; me: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const [owner, setOwner] = useState(checkIn.employee_id);
  const [due, setDue] = useState("");
  const add = useAddAction(checkIn.id);
  const done = useMarkDone(checkIn.id);
  const open = checkIn.state === "open" && checkIn.may_change;
  const whose = (person: string) =>
    person === me ? t("checkins.you") : person === checkIn.employee_id ? t("checkins.side.employee") : t("checkins.side.manager");
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ text, owner, ...(due ? { due } : {}) }, { onSuccess: () => setText("") });
  }
  return (
    <section aria-labelledby={`${id}-actions`}>
      <h3 id={`${id}-actions`}>{t("checkins.actions")}</h3>
      {checkIn.actions.length === 0 ? (
        <p>{t("checkins.noActions")}</p>
      ) : (
        <ul className="checkin-list">
          {checkIn.actions.map((action) => (
            <li key={action.id}>
              <span className={action.done ? "checkin-done" : undefined}>{action.text}</span>{" "}
              <span className="checkin-by">
                ({whose(action.owner)}
                {action.due && (
                  <>
                    , {t("checkins.due")} <Day at={action.due} />
                  </>
                )}
                {action.carried && <>, {t("checkins.carried")}</>})
              </span>{" "}
              {action.done ? (
                <span>{t("checkins.done")}</span>
              ) : (
                checkIn.may_change && (
                  <button type="button" onClick={() => done.mutate(action.id)}>
                    {t("checkins.markDone", { text: action.text })}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form onSubmit={submit} className="checkin-form">
          <label htmlFor={`${id}-action`}>{t("checkins.addAction")}</label>
          <input type="text" id={`${id}-action`} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} required />
          <label htmlFor={`${id}-owner`}>{t("checkins.owner")}</label>
          <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value={checkIn.employee_id}>{whose(checkIn.employee_id)}</option>
            <option value={checkIn.manager_id}>{whose(checkIn.manager_id)}</option>
          </select>
          <label htmlFor={`${id}-due`}>{t("checkins.dueOptional")}</label>
          <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          <button type="submit" disabled={add.isPending}>
            {t("checkins.add")}
          </button>
          {add.isError && <ErrorAlert error={add.error} />}
        </form>
      )}
    </section>
  );
}

function OneClickAway({ checkIn, me }: { checkIn: CheckIn; me: string }) {
  const { t } = useTranslation();
  const id = useId();
  const focus = checkIn.development_focus;
  return (
    <section aria-labelledby={`${id}-near`}>
      <h3 id={`${id}-near`}>{t("checkins.nearby")}</h3>
      <ul className="checkin-list">
        {(checkIn.goals?.open ?? []).map((goal) => (
          <li key={goal.id}>
            <a href={checkIn.goals?.console ?? "/my-goals"}>{goal.title}</a>
          </li>
        ))}
        {checkIn.goals && checkIn.goals.open.length === 0 && <li>{t("checkins.noGoals")}</li>}
        {(checkIn.development_actions ?? []).map((action) => (
          <li key={action.id}>
            {t("checkins.developmentAction")}{" "}
            <a href={me === checkIn.employee_id ? "/my-development" : `/my-development?employee=${encodeURIComponent(checkIn.employee_id)}`}>
              {action.title}
            </a>
          </li>
        ))}
        {focus ? (
          <li>
            {t("checkins.focus", { cycle: focus.cycle_name })}{" "}
            {focus.competencies.map((c) => c.name ?? c.id).join(", ")} —{" "}
            <a href={focus.report_path}>{t("checkins.openReport")}</a>
          </li>
        ) : (
          <li>{t("checkins.noFocus")}</li>
        )}
      </ul>
    </section>
  );
}

/** One check-in as the reader may see it: the agenda, notes, actions and what is one click away. */
export function CheckInView({ id, me }: { id: string; me: string }) {
  const { t } = useTranslation();
  const found = useCheckIn(id);
  const complete = useComplete(id);
  if (found.isPending) return <p role="status">{t("app.loading")}</p>;
  if (found.isError) return <ErrorAlert error={found.error} />;
  const checkIn = found.data;
  return (
    <article className="card checkin" aria-label={t("checkins.of", { date: checkIn.date })}>
      <h2>
        {t("checkins.of", { date: checkIn.date })}{" "}
        <span className="checkin-state">({t(`checkins.state.${checkIn.state}`)})</span>
      </h2>
      <OneClickAway checkIn={checkIn} me={me} />
      <Agenda checkIn={checkIn} me={me} />
      <Notes key={`${checkIn.id}-notes`} checkIn={checkIn} />
      <Actions checkIn={checkIn} me={me} />
      {checkIn.state === "open" && checkIn.may_change && (
        <p>
          <button type="button" onClick={() => complete.mutate(undefined)} disabled={complete.isPending}>
            {t("checkins.complete")}
          </button>
        </p>
      )}
      {complete.isError && <ErrorAlert error={complete.error} />}
    </article>
  );
}
