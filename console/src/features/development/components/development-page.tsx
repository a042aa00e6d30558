import { type FormEvent, useEffect, useId, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { useProfile } from "../../../components/session";
import { type Action, type Plan, useAddAction, useChangeAspirations, usePlan } from "../api/plan";
import { formatDay } from "../../../lib/dates";
import { ActionCard } from "./action-card";

function Aspirations({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(plan.aspirations ?? "");
  const change = useChangeAspirations(plan.employee_id);
  useEffect(() => setText(plan.aspirations ?? ""), [plan.aspirations]);
  function save(event: FormEvent) {
    event.preventDefault();
    change.mutate(text);
  }
  if (!plan.may_change) return <p>{plan.aspirations || t("development.noAspirations")}</p>;
  return (
    <form onSubmit={save}>
      <label htmlFor={`${id}-text`}>{t("development.aspirationsLabel")}</label>
      <textarea id={`${id}-text`} rows={3} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={change.isPending}>
        {t("development.save")}
      </button>
      {change.isSuccess && <p role="status">{t("development.saved")}</p>}
      {change.isError && <ErrorAlert error={change.error} />}
    </form>
  );
}

function NewAction({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const add = useAddAction(plan.employee_id);
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ title, due: due || null }, { onSuccess: () => { setTitle(""); setDue(""); } });
  }
  return (
    <form onSubmit={submit} className="card">
      <h2>{t("development.new")}</h2>
      <label htmlFor={`${id}-title`}>{t("development.title")}</label>
      <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} required />
      <label htmlFor={`${id}-due`}>{t("development.due")}</label>
      <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      <button type="submit" disabled={add.isPending || !title.trim()}>
        {t("development.add")}
      </button>
      {add.isError && <ErrorAlert error={add.error} />}
    </form>
  );
}

/** An improvement plan's group, named by the day it was agreed: a person may have two (one per case). */
function improvement(action: Action, t: TFunction, language: string): string {
  return action.created_at
    ? t("development.improvementOn", { date: formatDay(action.created_at, language) })
    : t("development.improvement");
}

type Group = { key: string; label: string; heading: string; actions: Action[] };

/** Groups of actions: an improvement plan's first, then those seeded from a report by competency, then the
 * person's own. */
function groups(actions: Action[], t: TFunction, language: string): Group[] {
  const found = new Map<string, Group>();
  for (const action of actions) {
    const competency = action.competency_name ?? action.competency ?? "";
    const [order, key, label, heading] =
      action.kind === "case"
        ? ["0", `case:${action.case_id}`, improvement(action, t, language), improvement(action, t, language)]
        : action.kind === "report"
          ? ["1", `report:${competency}`, competency, t("development.competency", { name: competency })]
          : ["2", "own", t("development.own"), t("development.own")];
    const group = found.get(`${order}${key}`) ?? { key, label, heading, actions: [] };
    group.actions.push(action);
    found.set(`${order}${key}`, group);
  }
  return [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, group]) => group);
}

/** A development plan: the reader's own (/my-development), or a report's (?employee=, for their managers and HR). */
export function DevelopmentPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const me = useProfile();
  const [search] = useSearchParams();
  const employeeId = search.get("employee") || me.employeeId;
  const found = usePlan(employeeId);
  const plan = found.data;
  const name = plan?.names[employeeId] ?? employeeId;
  return (
    <>
      <h1>{employeeId === me.employeeId ? t("development.title_mine") : t("development.title_of", { name })}</h1>
      <p>{t("development.intro")}</p>
      {found.isPending && <p role="status">{t("app.loading")}</p>}
      {found.isError && <ErrorAlert error={found.error} />}
      {plan && (
        <>
          <section aria-labelledby={`${id}-aspirations`} className="card dev-aspirations">
            <h2 id={`${id}-aspirations`}>{t("development.aspirations")}</h2>
            <Aspirations plan={plan} />
          </section>
          <section aria-labelledby={`${id}-actions`}>
            <h2 id={`${id}-actions`}>{t("development.actions")}</h2>
            {plan.actions.length === 0 && <p>{t("development.none")}</p>}
            {groups(plan.actions, t, i18n.language).map(({ key, label, heading, actions }) => (
              <section key={key} className="card" aria-label={label}>
                <h3>{heading}</h3>
                <ul className="list">
                  {actions.map((action) => (
                    <ActionCard key={action.id} plan={plan} action={action} />
                  ))}
                </ul>
              </section>
            ))}
          </section>
          {plan.may_change && <NewAction plan={plan} />}
        </>
      )}
    </>
  );
}

export default DevelopmentPage;
