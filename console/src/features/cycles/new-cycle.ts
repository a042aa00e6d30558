import type { CycleKind, NewCycleBody } from "./api/types";

export const MAX_COMPETENCIES = 10;

/** The create form as HR fills it in: text as typed, turned into the API's body by `newCycleBody`. */
export type CycleForm = {
  name: string;
  kind: CycleKind;
  deadline: string; // a date input's day, "2027-03-31": the round closes at the end of it, in the organisation's zone
  competencyMode: "profile" | "chosen";
  competencies: string[];
  subjectsMode: "everyone" | "departments" | "listed";
  subjectIds: string;
  departments: string; // one department a line, as the people list spells them
  reminderDays: string;
  reminderMax: string;
  threshold: string;
  workloadCap: string;
};

export const EMPTY_FORM: CycleForm = {
  name: "",
  kind: "360",
  deadline: "",
  competencyMode: "profile",
  competencies: [],
  subjectsMode: "everyone",
  subjectIds: "",
  departments: "",
  reminderDays: "7, 3, 1",
  reminderMax: "3",
  threshold: "3",
  workloadCap: "8",
};

/** Employee ids pasted in any shape: separated by commas, spaces or lines, each once, in the order given. */
export function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** Department names, one a line (a comma may also separate them), each once. */
export function parseDepartments(text: string): string[] {
  return [...new Set(text.split(/[\n,;]+/).map((d) => d.trim()).filter(Boolean))];
}

/** Whole days before the deadline ("7, 3, 1"), or null when any part is not a whole number. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((p) => /^\d{1,2}$/.test(p))) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

function whole(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** A problem the form finds before asking the API (the API checks everything again, and names its own). */
export type FormProblem = { field: keyof CycleForm; key: string };

/** The API's body from the form, or the problems that keep it from being sent. */
export function newCycleBody(form: CycleForm): { body: NewCycleBody | null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const days = parseDays(form.reminderDays);
  if (days === null) problems.push({ field: "reminderDays", key: "notDays" });
  const ids = parseIds(form.subjectIds);
  if (form.subjectsMode === "listed" && ids.length === 0) problems.push({ field: "subjectIds", key: "noIds" });
  const departments = parseDepartments(form.departments);
  if (form.subjectsMode === "departments" && departments.length === 0) {
    problems.push({ field: "departments", key: "noDepartments" });
  }
  if (form.competencyMode === "chosen" && form.competencies.length === 0) {
    problems.push({ field: "competencies", key: "noCompetencies" });
  }
  if (form.competencies.length > MAX_COMPETENCIES) problems.push({ field: "competencies", key: "tooManyCompetencies" });
  if (problems.length > 0) return { body: null, problems };
  const body: NewCycleBody = {
    name: form.name.trim(),
    kind: form.kind,
    deadline: form.deadline,
    anonymity_threshold: whole(form.threshold),
    workload_cap: whole(form.workloadCap),
    reminders: { days_before: days ?? [], max: whole(form.reminderMax) },
  };
  if (form.competencyMode === "chosen") body.competencies = form.competencies;
  if (form.subjectsMode === "listed") body.subjects = ids;
  if (form.subjectsMode === "departments") body.departments = departments;
  return { body, problems };
}
