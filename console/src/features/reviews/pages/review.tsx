import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { Deadline, Moment } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import {
  type Part,
  type PartDraft,
  type Review,
  useAcknowledge,
  useReview,
  useSavePart,
  useScaleLabels,
  useSubmitPart,
} from "../api";

const AUTOSAVE_MS = 800; // saved once the person pauses typing

type Side = "self" | "manager";

function draftOf(part: Part, version: number): PartDraft {
  return {
    summary: part.summary ?? "",
    goals: part.goals ?? {},
    competencies: part.competencies ?? {},
    ...(part.overall_rating !== undefined ? { overall_rating: part.overall_rating } : {}),
    ...(part.unacceptable !== undefined ? { unacceptable: part.unacceptable } : {}),
    version,
  };
}

/** A part being written: every change saved a moment later (with the version it was read at), then submitted. */
function PartForm({ review, side }: { review: Review; side: Side }) {
  const { t } = useTranslation();
  const id = useId();
  const part = side === "self" ? review.self : review.manager;
  const [draft, setDraft] = useState<PartDraft>(() => draftOf(part, review.version));
  const [dirty, setDirty] = useState(false);
  const version = useRef(review.version);
  const save = useSavePart(review.id, side);
  const submit = useSubmitPart(review.id, side);
  const scale = useScaleLabels(review.rating_scale);

  function change(next: Partial<PartDraft>) {
    setDraft((current) => ({ ...current, ...next }));
    setDirty(true);
  }

  function body(): PartDraft {
    const { version: _read, ...rest } = draft;
    const manager = side === "manager" ? {} : { overall_rating: undefined, unacceptable: undefined };
    return { ...rest, ...manager, version: version.current } as PartDraft;
  }

  function saveNow(): Promise<unknown> {
    setDirty(false);
    return save.mutateAsync(body()).then((saved) => {
      version.current = saved.version;
      return saved;
    });
  }

  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void saveNow().catch(() => undefined), AUTOSAVE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft, dirty]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void (dirty ? saveNow() : Promise.resolve()).then(() => submit.mutate());
  }

  const rated = draft.competencies ?? {};
  return (
    <form onSubmit={onSubmit} className="review-part" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(side === "self" ? "reviews.selfPart" : "reviews.managerPart")}</h2>
      <p className="hint">{t("reviews.autosaveHint")}</p>
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t("reviews.field.summary")}</label>
        <textarea
          id={`${id}-summary`}
          rows={5}
          value={draft.summary ?? ""}
          onChange={(event) => change({ summary: event.target.value })}
        />
      </div>
      {review.competency_details.length > 0 && (
        <fieldset className="review-competencies">
          <legend>{t("reviews.competencies")}</legend>
          {review.competency_details.map((competency) => {
            const entry = rated[competency.id] ?? { rating: null, comment: "" };
            const set = (next: Partial<typeof entry>) =>
              change({ competencies: { ...rated, [competency.id]: { ...entry, ...next } } });
            return (
              <div key={competency.id} className="review-competency">
                <label htmlFor={`${id}-${competency.id}`}>{competency.name}</label>
                <select
                  id={`${id}-${competency.id}`}
                  value={entry.rating ?? ""}
                  onChange={(event) => set({ rating: event.target.value ? Number(event.target.value) : null })}
                >
                  <option value="">{t("reviews.notRated")}</option>
                  {scale.map((label, index) => (
                    <option key={label} value={index + 1}>
                      {index + 1} – {label}
                    </option>
                  ))}
                </select>
                <input
                  id={`${id}-${competency.id}-comment`}
                  type="text"
                  aria-label={t("reviews.commentOn", { name: competency.name })}
                  placeholder={t("reviews.comment")}
                  value={entry.comment}
                  onChange={(event) => set({ comment: event.target.value })}
                />
              </div>
            );
          })}
        </fieldset>
      )}
      {side === "manager" && (
        <>
          <div className="field">
            <label htmlFor={`${id}-overall`}>{t("reviews.field.overall")}</label>
            <select
              id={`${id}-overall`}
              value={draft.overall_rating ?? ""}
              onChange={(event) => change({ overall_rating: event.target.value ? Number(event.target.value) : null })}
            >
              <option value="">{t("reviews.notRated")}</option>
              {scale.map((label, index) => (
                <option key={label} value={index + 1}>
                  {index + 1} – {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field inline">
            <input
              id={`${id}-unacceptable`}
              type="checkbox"
              checked={draft.unacceptable ?? false}
              onChange={(event) => change({ unacceptable: event.target.checked })}
            />
            <label htmlFor={`${id}-unacceptable`}>{t("reviews.field.unacceptable")}</label>
          </div>
        </>
      )}
      <p role="status" className="hint">
        {save.isPending ? t("reviews.saving") : save.isSuccess && !dirty ? t("reviews.saved") : ""}
      </p>
      {save.isError && <ErrorAlert error={save.error} />}
      {submit.isError && <ErrorAlert error={submit.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={submit.isPending}>
          {t("reviews.submit")}
        </button>
      </div>
    </form>
  );
}

/** A submitted part (or one the reader may only read). */
function PartView({ review, side }: { review: Review; side: Side }) {
  const { t } = useTranslation();
  const part = side === "self" ? review.self : review.manager;
  const scale = useScaleLabels(review.rating_scale);
  const names = Object.fromEntries(review.competency_details.map((c) => [c.id, c.name]));
  return (
    <section className="review-part">
      <h2>{t(side === "self" ? "reviews.selfPart" : "reviews.managerPart")}</h2>
      <p>{t(`reviews.status.${part.status}`)}</p>
      {part.summary && <p className="prose">{part.summary}</p>}
      {part.competencies && Object.keys(part.competencies).length > 0 && (
        <ul className="items">
          {Object.entries(part.competencies).map(([cid, entry]) => (
            <li key={cid} className="item">
              <span className="item-title">{names[cid] ?? cid}</span>{" "}
              {entry.rating != null && `${entry.rating} – ${scale[entry.rating - 1]}`}
              {entry.comment && <span> · {entry.comment}</span>}
            </li>
          ))}
        </ul>
      )}
      {side === "manager" && review.overall_rating != null && (
        <p>
          <strong>{t("reviews.field.overall")}:</strong> {review.overall_rating} –{" "}
          {scale[review.overall_rating - 1]}
        </p>
      )}
    </section>
  );
}

function Acknowledge({ review }: { review: Review }) {
  const { t } = useTranslation();
  const id = useId();
  const [comment, setComment] = useState("");
  const acknowledge = useAcknowledge(review.id);
  function submit(event: FormEvent) {
    event.preventDefault();
    acknowledge.mutate({ comment });
  }
  return (
    <form onSubmit={submit} className="card">
      <h2>{t("reviews.acknowledge")}</h2>
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t("reviews.field.ackComment")}</label>
        <textarea id={`${id}-comment`} value={comment} onChange={(event) => setComment(event.target.value)} />
      </div>
      {acknowledge.isError && <ErrorAlert error={acknowledge.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={acknowledge.isPending}>
          {t("reviews.acknowledgeButton")}
        </button>
      </div>
    </form>
  );
}

function Context({ review }: { review: Review }) {
  const { t } = useTranslation();
  const summary = review.report_summary?.summary as
    | { strongest?: { name: string }[]; weakest?: { name: string }[] }
    | undefined;
  return (
    <section className="card" aria-label={t("reviews.context")}>
      <h2>{t("reviews.context")}</h2>
      <h3>{t("reviews.goals")}</h3>
      {review.goals.length === 0 ? (
        <p>{t("reviews.noGoals")}</p>
      ) : (
        <ul className="items">
          {review.goals.map((goal) => (
            <li key={goal.id} className="item">
              <span className="item-title">{goal.title}</span>{" "}
              {goal.progress != null ? t("reviews.progress", { value: Math.round(goal.progress * 100) }) : ""}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("reviews.competencies")}</h3>
      <ul className="items">
        {review.competency_details.map((competency) => (
          <li key={competency.id} className="item">
            <span className="item-title">{competency.name}</span>: {competency.definition}
          </li>
        ))}
      </ul>
      {review.model_evaluations && (
        <details className="disclosure">
          <summary>{t("reviews.models", { jobClass: review.model_evaluations.job_class_name })}</summary>
          <dl className="review-models">
            <dt>{t("reviews.model.top")}</dt>
            <dd>{review.model_evaluations.top}</dd>
            <dt>{t("reviews.model.good")}</dt>
            <dd>{review.model_evaluations.good}</dd>
            <dt>{t("reviews.model.poor")}</dt>
            <dd>{review.model_evaluations.poor}</dd>
          </dl>
        </details>
      )}
      <h3>{t("reviews.feedback")}</h3>
      {review.report_summary ? (
        <p>
          {t("reviews.feedbackFrom", { cycle: review.report_summary.cycle_name })}{" "}
          {summary?.strongest?.length ? t("reviews.strongest", { list: summary.strongest.map((s) => s.name).join(", ") }) : ""}{" "}
          {summary?.weakest?.length ? t("reviews.weakest", { list: summary.weakest.map((s) => s.name).join(", ") }) : ""}
        </p>
      ) : (
        <p>{t("reviews.noFeedback")}</p>
      )}
      {review.check_in_actions.length > 0 && (
        <>
          <h3>{t("reviews.actions")}</h3>
          <ul className="items">
            {review.check_in_actions.map((action, index) => (
              <li key={index} className="item">
                {action.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One review: what the period produced, the self part, the manager's part, and the acknowledgement. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { reviewId = "" } = useParams();
  const found = useReview(reviewId);
  if (found.isPending) return <p role="status">{t("app.loading")}</p>;
  if (found.isError) return <ErrorAlert error={found.error} />;
  const review = found.data;
  const you = review.you;
  const managerShown = !you.employee || review.manager.summary !== undefined;
  return (
    <>
      <p>
        <Link to="/my-reviews">{t("reviews.back")}</Link>
      </p>
      <h1 className="review-title">{t(`reviews.kind.${review.kind}`, { name: review.employee_name })}</h1>
      <p>
        {review.cycle.name} · {t(`reviews.state.${review.cycle.state ?? "open"}`)} · {t("reviews.deadline")}{" "}
        <Deadline at={review.deadline} zone={review.time_zone} />
      </p>
      <Context review={review} />
      {you.may_write_self ? <PartForm review={review} side="self" /> : <PartView review={review} side="self" />}
      {you.may_write_manager ? (
        <PartForm review={review} side="manager" />
      ) : managerShown ? (
        <PartView review={review} side="manager" />
      ) : (
        <section className="review-part">
          <h2>{t("reviews.managerPart")}</h2>
          <p>{t("reviews.afterRelease")}</p>
        </section>
      )}
      {you.may_acknowledge && <Acknowledge review={review} />}
      {review.acknowledged && (
        <p className="done">
          {t("reviews.acknowledged")} <Moment at={review.acknowledged.at} />
          {review.acknowledged.comment ? ` · ${review.acknowledged.comment}` : ""}
        </p>
      )}
      {review.history.length > 0 && (
        <section>
          <h2>{t("reviews.history")}</h2>
          <ul className="items">
            {review.history.map((entry, index) => (
              <li key={index} className="item">
                <Moment at={entry.at} /> · {t(`reviews.step.${entry.kind}`, { from: entry.from, to: entry.to })}
                {entry.reason ? ` · ${entry.reason}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export default ReviewPage;
