import { type FormEvent, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useMe } from "../../people/api/get-me";
import { useDraftFindings } from "../api/draft-findings";
import { useGoals, useOrganisationGoals } from "../api/get-goals";
import { useSetGoal } from "../api/save-goal";
import type { Finding, Goal, GoalDraft } from "../api/types";
import { findingsByField } from "../findings";
import { FindingsList } from "./findings-list";

type Fields = {
  title: string;
  measure: string;
  target: string;
  due: string;
  visibility: "organisation" | "private";
  parent: string;
  krTitle: string;
  krStart: string;
  krTarget: string;
  krUnit: string;
};

const EMPTY: Fields = {
  title: "",
  measure: "",
  target: "",
  due: "",
  visibility: "organisation",
  parent: "",
  krTitle: "",
  krStart: "",
  krTarget: "",
  krUnit: "",
};

function draftOf(fields: Fields): GoalDraft {
  const draft: GoalDraft = { title: fields.title, visibility: fields.visibility };
  if (fields.measure.trim()) draft.measure = fields.measure;
  if (fields.target.trim()) draft.target = fields.target;
  if (fields.due) draft.due = fields.due;
  if (fields.parent) draft.parent_id = fields.parent;
  const start = Number(fields.krStart);
  const target = Number(fields.krTarget);
  if (fields.krTitle.trim() && fields.krStart !== "" && fields.krTarget !== "" && isFinite(start) && isFinite(target)) {
    draft.key_results = [{ title: fields.krTitle, start, target, ...(fields.krUnit.trim() ? { unit: fields.krUnit } : {}) }];
  }
  return draft;
}

const OPEN: Goal["status"][] = ["on_track", "at_risk", "off_track"];

/** What a new goal may support: the company's goals and the reader's manager's, those still open. */
function ParentChoice({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const company = useOrganisationGoals();
  const me = useMe();
  const managerId = me.data?.employee.manager_id ?? undefined;
  const team = useGoals(managerId, Boolean(managerId));
  const open = (goals: Goal[] | undefined) => (goals ?? []).filter((goal) => OPEN.includes(goal.status));
  const companyGoals = open(company.data?.goals);
  const teamGoals = open(team.data?.goals).filter((goal) => !companyGoals.some((c) => c.id === goal.id));
  return (
    <div className="field">
      <label htmlFor={`${id}-parent`}>{t("goals.field.parent")}</label>
      <p className="hint" id={`${id}-parent-hint`}>
        {t("goals.field.parentHint")}
      </p>
      <select
        id={`${id}-parent`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-parent-hint`}
      >
        <option value="">{t("goals.field.noParent")}</option>
        {companyGoals.length > 0 && (
          <optgroup label={t("goals.field.companyGoals")}>
            {companyGoals.map((goal) => (
              <option key={goal.id} value={goal.id}>
                {goal.title}
              </option>
            ))}
          </optgroup>
        )}
        {teamGoals.length > 0 && (
          <optgroup label={t("goals.field.managerGoals", { name: me.data?.employee.manager_name ?? "" })}>
            {teamGoals.map((goal) => (
              <option key={goal.id} value={goal.id}>
                {goal.title}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}

/** A new goal, with what the rules find beside each field as the person types; the findings never stop a save. */
export function NewGoalForm() {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [saved, setSaved] = useState<{ title: string; findings: Finding[] } | null>(null);
  const draft = useMemo(() => draftOf(fields), [fields]);
  const findings = useDraftFindings(draft);
  const setGoal = useSetGoal();
  const byField = findingsByField(fields.title.trim() ? (findings.data?.findings ?? []) : []);

  const change = (name: keyof Fields) => (event: { target: { value: string } }) =>
    setFields((now) => ({ ...now, [name]: event.target.value }));
  const about = (field: string) => byField.get(field) ?? [];
  const described = (field: string) => (about(field).length ? `${id}-${field}-findings` : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    setGoal.mutate(draft, {
      onSuccess: (goal) => {
        setSaved({ title: goal.title, findings: goal.findings ?? [] });
        setFields(EMPTY);
      },
    });
  }

  const text = (field: keyof Fields, apiField: string, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-${field}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={`${id}-${field}`}
        type="text"
        value={fields[field]}
        onChange={change(field)}
        aria-describedby={[hint ? `${id}-${field}-hint` : "", described(apiField) ?? ""].join(" ").trim() || undefined}
      />
      <FindingsList id={`${id}-${apiField}-findings`} findings={about(apiField)} />
    </div>
  );

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("goals.new")}</h2>
      <p className="hint">{t("goals.newHint")}</p>
      {text("title", "title", t("goals.field.title"), t("goals.field.titleHint"))}
      {text("measure", "measure", t("goals.field.measure"), t("goals.field.measureHint"))}
      {text("target", "target", t("goals.field.target"))}
      <div className="field">
        <label htmlFor={`${id}-due`}>{t("goals.field.due")}</label>
        <input
          id={`${id}-due`}
          type="date"
          value={fields.due}
          onChange={change("due")}
          aria-describedby={described("due")}
        />
        <FindingsList id={`${id}-due-findings`} findings={about("due")} />
      </div>
      <ParentChoice id={id} value={fields.parent} onChange={(parent) => setFields((now) => ({ ...now, parent }))} />
      <FindingsList id={`${id}-parent_id-findings`} findings={about("parent_id")} />
      <fieldset>
        <legend>{t("goals.field.visibility")}</legend>
        {(["organisation", "private"] as const).map((choice) => (
          <label key={choice} className="radio">
            <input
              type="radio"
              name={`${id}-visibility`}
              value={choice}
              checked={fields.visibility === choice}
              onChange={change("visibility")}
            />
            {t(`goals.visibility.${choice}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("goals.field.keyResult")}</legend>
        {text("krTitle", "key_results[1].title", t("goals.field.krTitle"))}
        <div className="goal-numbers">
          {(["krStart", "krTarget"] as const).map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`${id}-${field}`}>{t(`goals.field.${field}`)}</label>
              <input id={`${id}-${field}`} type="number" step="any" value={fields[field]} onChange={change(field)} />
            </div>
          ))}
          <div className="field">
            <label htmlFor={`${id}-krUnit`}>{t("goals.field.krUnit")}</label>
            <input id={`${id}-krUnit`} type="text" value={fields.krUnit} onChange={change("krUnit")} />
          </div>
        </div>
      </fieldset>
      <FindingsList id={`${id}-other-findings`} findings={about("owner")} />
      {setGoal.isError && <ErrorAlert error={setGoal.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={setGoal.isPending}>
          {t("goals.set")}
        </button>
      </div>
      {saved && (
        <div className="done" role="status">
          <p>{t("goals.setDone", { title: saved.title })}</p>
          {saved.findings.length > 0 && (
            <>
              <p>{t("goals.setFindings")}</p>
              <ul>
                {saved.findings.map((finding, n) => (
                  <li key={n}>{finding.message}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
