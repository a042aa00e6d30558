import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Deadline } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import {
  type Distribution,
  type ReviewCycle,
  type ReviewLine,
  useCalibrate,
  useCalibration,
  useCreateReviewCycle,
  useCycleEvent,
  useCycleReviews,
  useReviewCycles,
  useScaleLabels,
} from "../api";

const NEXT: Record<ReviewCycle["state"], "launch" | "close" | "release" | null> = {
  draft: "launch",
  open: "close",
  closed: "release",
  released: null,
};

function NewCycle() {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState("");
  const [kind, setKind] = useState("appraisal");
  const [deadline, setDeadline] = useState("");
  const create = useCreateReviewCycle();
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, kind, deadline }, { onSuccess: () => setName("") });
  }
  return (
    <form onSubmit={submit} className="card review-form">
      <h2>{t("reviews.hr.new")}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t("reviews.hr.name")}</label>
        <input id={`${id}-name`} required value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("reviews.hr.kind")}</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value)}>
          <option value="appraisal">{t("reviews.hr.kinds.appraisal")}</option>
          <option value="update">{t("reviews.hr.kinds.update")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-deadline`}>{t("reviews.hr.deadline")}</label>
        <input
          id={`${id}-deadline`}
          type="date"
          required
          value={deadline}
          onChange={(event) => setDeadline(event.target.value)}
        />
      </div>
      <p className="hint">{t("reviews.hr.everyone")}</p>
      {create.isError && <ErrorAlert error={create.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("reviews.hr.create")}
        </button>
      </div>
    </form>
  );
}

function CycleRow({ cycle, chosen, choose }: { cycle: ReviewCycle; chosen: boolean; choose: () => void }) {
  const { t } = useTranslation();
  const event = useCycleEvent(cycle.id);
  const next = NEXT[cycle.state];
  return (
    <li className="item">
      <span className="item-title">{cycle.name}</span> · {t(`reviews.hr.kinds.${cycle.kind}`)} ·{" "}
      {t(`reviews.state.${cycle.state}`)} · <Deadline at={cycle.deadline} zone={cycle.time_zone} />
      <div className="actions">
        {next && (
          <button type="button" onClick={() => event.mutate(next)} disabled={event.isPending}>
            {t(`reviews.hr.event.${next}`)}
          </button>
        )}
        {cycle.state !== "draft" && (
          <button type="button" onClick={choose} aria-pressed={chosen}>
            {t("reviews.hr.calibrate")}
          </button>
        )}
      </div>
      {event.isError && <ErrorAlert error={event.error} />}
    </li>
  );
}

function Counts({ counts, scale }: { counts: Distribution; scale: string[] }) {
  return (
    <>
      {scale.map((_, index) => (
        <td key={index}>{counts[String(index + 1)] ?? 0}</td>
      ))}
    </>
  );
}

function Calibrate({ line, scale: stored }: { line: ReviewLine; scale: string[] }) {
  const { t } = useTranslation();
  const scale = useScaleLabels(stored);
  const id = useId();
  const [rating, setRating] = useState(String(line.overall_rating ?? ""));
  const [reason, setReason] = useState("");
  const calibrate = useCalibrate(line.id);
  function submit(event: FormEvent) {
    event.preventDefault();
    calibrate.mutate({ overall_rating: Number(rating), reason }, { onSuccess: () => setReason("") });
  }
  return (
    <form onSubmit={submit} className="calibrate-form">
      <label htmlFor={`${id}-rating`}>{t("reviews.hr.newRating", { name: line.employee_name })}</label>
      <select id={`${id}-rating`} value={rating} onChange={(event) => setRating(event.target.value)}>
        {scale.map((label, index) => (
          <option key={label} value={index + 1}>
            {index + 1} – {label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t("reviews.hr.reason")}</label>
      <input id={`${id}-reason`} required value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" disabled={calibrate.isPending || !reason.trim()}>
        {t("reviews.hr.change")}
      </button>
      {calibrate.isError && <ErrorAlert error={calibrate.error} />}
      {calibrate.isSuccess && (
        <span role="status" className="done">
          {t("reviews.hr.changed")}
        </span>
      )}
    </form>
  );
}

function CalibrationPanel({ cycle }: { cycle: ReviewCycle }) {
  const { t } = useTranslation();
  const calibration = useCalibration(cycle.id);
  const reviews = useCycleReviews(cycle.id);
  const scale = cycle.rating_scale;
  const labels = useScaleLabels(scale);
  const head = (
    <tr>
      <th scope="col">{t("reviews.hr.group")}</th>
      {labels.map((label, index) => (
        <th key={label} scope="col">
          {index + 1} – {label}
        </th>
      ))}
    </tr>
  );
  if (calibration.isPending) return <p role="status">{t("app.loading")}</p>;
  if (calibration.isError) return <ErrorAlert error={calibration.error} />;
  const data = calibration.data;
  const open = cycle.state === "open" || cycle.state === "closed";
  return (
    <section className="card" aria-label={t("reviews.hr.calibrationOf", { name: cycle.name })}>
      <h2>{t("reviews.hr.calibrationOf", { name: cycle.name })}</h2>
      <p>
        {t("reviews.hr.progress", {
          reviews: data.progress.reviews ?? 0,
          self: data.progress.self_submitted ?? 0,
          manager: data.progress.manager_submitted ?? 0,
          acknowledged: data.progress.acknowledged ?? 0,
        })}
      </p>
      <h3>{t("reviews.hr.byDepartment")}</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("reviews.hr.byDepartment")}>
        <table className="figures">
          <thead>{head}</thead>
          <tbody>
            <tr>
              <th scope="row">{t("reviews.hr.everyoneRow")}</th>
              <Counts counts={data.overall} scale={scale} />
            </tr>
            {data.by_department.map((row) => (
              <tr key={row.department}>
                <th scope="row">{row.department}</th>
                <Counts counts={row.counts} scale={scale} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("reviews.hr.byManager")}</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("reviews.hr.byManager")}>
        <table className="figures">
          <thead>{head}</thead>
          <tbody>
            {data.by_manager.map((row) => (
              <tr key={row.manager_id}>
                <th scope="row">{row.name ?? row.manager_id}</th>
                <Counts counts={row.counts} scale={scale} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("reviews.hr.reviews")}</h3>
      {reviews.isError && <ErrorAlert error={reviews.error} />}
      <ul className="items">
        {reviews.data?.reviews.map((line) => (
          <li key={line.id} className="item">
            <Link to={`/my-reviews/${encodeURIComponent(line.id)}`} className="item-title">
              {line.employee_name}
            </Link>{" "}
            · {line.department} ·{" "}
            {line.overall_rating != null
              ? t("reviews.hr.rated", { rating: line.overall_rating, manager: line.manager_rating })
              : t(`reviews.status.${line.manager_status}`)}
            {open && line.manager_status === "submitted" && <Calibrate line={line} scale={scale} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** HR's review cycles: create one, launch, close and release it, and calibrate its ratings before release. */
export function HrReviewsPage() {
  const { t } = useTranslation();
  const cycles = useReviewCycles();
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = cycles.data?.review_cycles.find((cycle) => cycle.id === chosen);
  return (
    <>
      <h1>{t("reviews.hr.title")}</h1>
      <p>{t("reviews.hr.intro")}</p>
      <section>
        <h2>{t("reviews.hr.cycles")}</h2>
        {cycles.isPending && <p role="status">{t("app.loading")}</p>}
        {cycles.isError && <ErrorAlert error={cycles.error} />}
        {cycles.data && cycles.data.review_cycles.length === 0 && <p>{t("reviews.hr.noCycles")}</p>}
        <ul className="items">
          {cycles.data?.review_cycles.map((cycle) => (
            <CycleRow key={cycle.id} cycle={cycle} chosen={cycle.id === chosen} choose={() => setChosen(cycle.id)} />
          ))}
        </ul>
      </section>
      {shown && <CalibrationPanel cycle={shown} />}
      <NewCycle />
    </>
  );
}

export default HrReviewsPage;
