import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { useCreateCycle } from "../api/post-cycle";
import type { CycleKind } from "../api/types";
import { EMPTY_FORM, newCycleBody, type CycleForm, type FormProblem } from "../new-cycle";
import { CompetencyPicker } from "./competency-picker";

const KINDS: CycleKind[] = ["360", "180", "self"];

type Choice = { id: string; name: string; checked: boolean; onChoose: () => void; label: string; hint: string };

/** A radio button named by its label, its hint read as its description. */
function RadioChoice({ id, name, checked, onChoose, label, hint }: Choice) {
  return (
    <div className="radio">
      <input id={id} type="radio" name={name} checked={checked} onChange={onChoose} aria-describedby={`${id}-hint`} />
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}

/** HR's form for a new cycle: everything the API takes, its problems shown before and after sending. */
export function NewCycleForm() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const create = useCreateCycle();
  const [form, setForm] = useState<CycleForm>(EMPTY_FORM);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const set = <K extends keyof CycleForm>(field: K, value: CycleForm[K]) => setForm({ ...form, [field]: value });
  const field = (name: keyof CycleForm) => `${id}-${name}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    const { body, problems: found } = newCycleBody(form);
    setProblems(found);
    if (!body) return;
    create.mutate(body, { onSuccess: (cycle) => navigate(`/hr/cycles/${encodeURIComponent(cycle.id)}`) });
  }

  const text = (name: keyof CycleForm, label: string, hint?: string, extra: ReactNode = null) => (
    <div className="field">
      <label htmlFor={field(name)}>{label}</label>
      {hint && (
        <p className="hint" id={`${field(name)}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={field(name)}
        type="text"
        inputMode={name === "reminderDays" ? "text" : "numeric"}
        aria-describedby={hint ? `${field(name)}-hint` : undefined}
        value={form[name] as string}
        onChange={(e) => set(name, e.target.value as never)}
      />
      {extra}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate={false}>
      <div className="field">
        <label htmlFor={field("name")}>
          {t("cycles.form.name")} <span className="muted">{t("form.required")}</span>
        </label>
        <input
          id={field("name")}
          type="text"
          required
          maxLength={120}
          value={form.name}
          onChange={(e) => set("name", e.target.value)}
        />
      </div>

      <fieldset>
        <legend>{t("cycles.form.kind")}</legend>
        {KINDS.map((kind) => (
          <RadioChoice
            key={kind}
            id={field("kind") + kind}
            name={field("kind")}
            checked={form.kind === kind}
            onChoose={() => set("kind", kind)}
            label={t(`cycles.kinds.${kind}`)}
            hint={t(`cycles.form.kindHint.${kind}`)}
          />
        ))}
      </fieldset>

      <fieldset>
        <legend>{t("cycles.form.competencies")}</legend>
        <RadioChoice
          id={field("competencyMode") + "profile"}
          name={field("competencyMode")}
          checked={form.competencyMode === "profile"}
          onChoose={() => set("competencyMode", "profile")}
          label={t("cycles.form.eachProfile")}
          hint={t("cycles.form.eachProfileHint")}
        />
        <RadioChoice
          id={field("competencyMode") + "chosen"}
          name={field("competencyMode")}
          checked={form.competencyMode === "chosen"}
          onChoose={() => set("competencyMode", "chosen")}
          label={t("cycles.form.choose")}
          hint={t("cycles.form.chooseHint")}
        />
        {form.competencyMode === "chosen" && (
          <CompetencyPicker chosen={form.competencies} onChange={(chosen) => set("competencies", chosen)} />
        )}
      </fieldset>

      <fieldset>
        <legend>{t("cycles.form.subjects")}</legend>
        <RadioChoice
          id={field("subjectsMode") + "everyone"}
          name={field("subjectsMode")}
          checked={form.subjectsMode === "everyone"}
          onChoose={() => set("subjectsMode", "everyone")}
          label={t("cycles.form.everyone")}
          hint={t("cycles.form.everyoneHint")}
        />
        <RadioChoice
          id={field("subjectsMode") + "departments"}
          name={field("subjectsMode")}
          checked={form.subjectsMode === "departments"}
          onChoose={() => set("subjectsMode", "departments")}
          label={t("cycles.form.byDepartment")}
          hint={t("cycles.form.byDepartmentHint")}
        />
        {form.subjectsMode === "departments" && (
          <div className="field">
            <label htmlFor={field("departments")}>{t("cycles.form.departments")}</label>
            <textarea
              id={field("departments")}
              rows={3}
              value={form.departments}
              onChange={(e) => set("departments", e.target.value)}
            />
          </div>
        )}
        <RadioChoice
          id={field("subjectsMode") + "listed"}
          name={field("subjectsMode")}
          checked={form.subjectsMode === "listed"}
          onChoose={() => set("subjectsMode", "listed")}
          label={t("cycles.form.listed")}
          hint={t("cycles.form.listedHint")}
        />
        {form.subjectsMode === "listed" && (
          <div className="field">
            <label htmlFor={field("subjectIds")}>{t("cycles.form.ids")}</label>
            <textarea
              id={field("subjectIds")}
              rows={4}
              value={form.subjectIds}
              onChange={(e) => set("subjectIds", e.target.value)}
            />
          </div>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor={field("deadline")}>
          {t("cycles.deadline")} <span className="muted">{t("form.required")}</span>
        </label>
        <p className="hint" id={`${field("deadline")}-hint`}>
          {t("cycles.form.deadlineHint")}
        </p>
        <input
          id={field("deadline")}
          type="date"
          required
          aria-describedby={`${field("deadline")}-hint`}
          value={form.deadline}
          onChange={(e) => set("deadline", e.target.value)}
        />
      </div>

      <fieldset>
        <legend>{t("cycles.form.reminders")}</legend>
        {text("reminderDays", t("cycles.form.reminderDays"), t("cycles.form.reminderDaysHint"))}
        {text("reminderMax", t("cycles.form.reminderMax"), t("cycles.form.reminderMaxHint"))}
      </fieldset>
      {text("threshold", t("cycles.form.threshold"), t("cycles.form.thresholdHint"))}
      {text("workloadCap", t("cycles.form.workloadCap"), t("cycles.form.workloadCapHint"))}

      {problems.length > 0 && (
        <div role="alert" className="alert">
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}-${p.key}`}>{t(`cycles.form.problem.${p.key}`, { max: 10 })}</li>
            ))}
          </ul>
        </div>
      )}
      {create.isError && (
        <ErrorAlert
          error={create.error}
          fieldLabels={{
            name: t("cycles.form.name"),
            kind: t("cycles.form.kind"),
            deadline: t("cycles.deadline"),
            competencies: t("cycles.form.competencies"),
            subjects: t("cycles.form.subjects"),
            departments: t("cycles.form.departments"),
            "reminders.days_before": t("cycles.form.reminderDays"),
            "reminders.max": t("cycles.form.reminderMax"),
            anonymity_threshold: t("cycles.form.threshold"),
            workload_cap: t("cycles.form.workloadCap"),
          }}
        />
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t("cycles.form.creating") : t("cycles.form.create")}
        </button>
      </div>
    </form>
  );
}
