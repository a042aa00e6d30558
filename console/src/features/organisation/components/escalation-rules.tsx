import { useTranslation } from "react-i18next";
import type { ProblemDetail } from "../../../lib/api-client";
import type { OrgForm } from "../form";
import { TextField } from "./text-field";

type Props = { form: OrgForm; change: (patch: Partial<OrgForm>) => void; details: ProblemDetail[] };

/** When a report opens a case (the thresholds), and how long each step of a case may take (days). */
export function EscalationRules({ form, change, details }: Props) {
  const { t } = useTranslation();
  const field = (key: keyof OrgForm, api: string, mode: "decimal" | "numeric" | "text") => (
    <TextField
      id={`rule-${api}`}
      field={`escalation.${api}`}
      label={t(`organisation.rules.${api}`)}
      hint={t(`organisation.rules.${api}Hint`)}
      value={form[key] as string}
      onChange={(value) => change({ [key]: value })}
      details={details}
      inputMode={mode}
    />
  );
  return (
    <fieldset>
      <legend>{t("organisation.rules.title")}</legend>
      <p className="hint">{t("organisation.rules.intro")}</p>
      {field("othersOverallMax", "others_overall_max", "decimal")}
      {field("competencyMax", "competency_max", "decimal")}
      {field("acknowledgeDays", "acknowledge_days", "numeric")}
      {field("planDays", "plan_days", "numeric")}
      {field("reviewDays", "review_days", "text")}
    </fieldset>
  );
}
