import type { OrgSettings, OrgSettingsBody } from "./api/types";

/** A value as the form edits it: ``saved`` values keep their id (recognitions name it); a new one's id follows
 * its name until HR changes the id. */
export type ValueDraft = { key: string; id: string; name: string; description: string; saved: boolean; idEdited: boolean };

/** The settings as the form holds them: numbers as typed. */
export type OrgForm = {
  timeZone: string;
  hrLead: string;
  hrAdmins: string[];
  othersOverallMax: string;
  competencyMax: string;
  acknowledgeDays: string;
  planDays: string;
  reviewDays: string;
  values: ValueDraft[];
  anonymityThreshold: string;
  /** The rating scale's labels, one a line, lowest first. */
  ratingScale: string;
  /** Months records no longer needed are kept, as typed. */
  retentionMonths: string;
};

const FOLDED: Record<string, string> = { æ: "ae", ø: "oe", å: "aa", ß: "ss" };

/** A value's id from its name: lower-case letters and digits, hyphens between words, at most 40 characters. */
export function valueId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => FOLDED[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

export function formOf(settings: OrgSettings, language = "en"): OrgForm {
  const decimal = (n: number) => n.toLocaleString(language === "da" ? "da-DK" : "en-GB", { maximumFractionDigits: 2 });
  return {
    timeZone: settings.time_zone,
    hrLead: settings.escalation.hr_lead ?? "",
    hrAdmins: [...settings.hr_admins],
    othersOverallMax: decimal(settings.escalation.others_overall_max),
    competencyMax: decimal(settings.escalation.competency_max),
    acknowledgeDays: String(settings.escalation.acknowledge_days),
    planDays: String(settings.escalation.plan_days),
    reviewDays: settings.escalation.review_days.join(", "),
    values: settings.values.map((v) => ({ key: v.id, ...v, saved: true, idEdited: false })),
    anonymityThreshold: String(settings.anonymity_threshold),
    ratingScale: settings.rating_scale.join("\n"),
    retentionMonths: String(settings.retention_months),
  };
}

/** A number as typed (a decimal comma too), or the text itself when it is none: the API names that problem. */
export function numberOf(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed.replace(",", "."));
  return trimmed !== "" && Number.isFinite(value) ? value : trimmed;
}

/** Days as typed, "30, 60, 90" (spaces or commas between). */
export function daysOf(text: string): (number | string)[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(numberOf);
}

export function bodyOf(form: OrgForm): OrgSettingsBody {
  return {
    time_zone: form.timeZone.trim(),
    escalation: {
      others_overall_max: numberOf(form.othersOverallMax),
      competency_max: numberOf(form.competencyMax),
      acknowledge_days: numberOf(form.acknowledgeDays),
      plan_days: numberOf(form.planDays),
      review_days: daysOf(form.reviewDays),
      hr_lead: form.hrLead.trim() || null,
    },
    hr_admins: form.hrAdmins,
    values: form.values.map((v) => ({ id: v.id.trim(), name: v.name.trim(), description: v.description.trim() })),
    anonymity_threshold: numberOf(form.anonymityThreshold),
    rating_scale: form.ratingScale
      .split("\n")
      .map((label) => label.trim())
      .filter(Boolean),
    retention_months: form.retentionMonths.trim() === "" ? null : numberOf(form.retentionMonths),
  };
}

let drafted = 0;

/** A new, empty value at the end of the list. */
export function newValue(): ValueDraft {
  drafted += 1;
  return { key: `new-${drafted}`, id: "", name: "", description: "", saved: false, idEdited: false };
}

/** A value's name changed: a new value's id follows it unless HR wrote one. */
export function renamed(value: ValueDraft, name: string): ValueDraft {
  return { ...value, name, id: value.saved || value.idEdited ? value.id : valueId(name) };
}

/** The time zones the browser knows (IANA names), with UTC, for the time zone field to suggest. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...known.filter((zone) => zone !== "UTC")];
}

/** The API's problems about one field ("values[2].name"), and about a list's items ("hr_admins[1]"). */
export function problemsAt<T extends { field?: string }>(details: T[], field: string): T[] {
  return details.filter((d) => d.field === field || d.field?.startsWith(`${field}[`));
}
