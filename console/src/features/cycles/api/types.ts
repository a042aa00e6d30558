export type CycleKind = "self" | "180" | "360";
export type CycleState = "draft" | "nominating" | "open" | "closed" | "reported" | "released" | "cancelled";
export type CycleEventType = "nominate" | "launch" | "remind" | "extend" | "close" | "release" | "cancel";

/** A cycle's counters (the progress shards summed): forms asked, invited, begun, submitted, declined. */
export type Progress = {
  subjects: number;
  assignments: number;
  invited: number;
  in_progress: number;
  submitted: number;
  declined: number;
  undeliverable: number;
  response_rate: number;
};

/** A cycle as GET /cycles and GET /cycles/{id} answer it. */
export type Cycle = {
  id: string;
  name: string;
  kind: CycleKind;
  state: CycleState;
  deadline: string;
  time_zone: string;
  competencies: string[] | null;
  anonymity_threshold: number;
  manager_identified: boolean;
  workload_cap: number;
  raters: Record<string, { min: number; max: number }>;
  reminders: { days_before: number[]; max: number };
  created_at: string;
  launched_at: string | null;
  closed_at: string | null;
  released_at: string | null;
  subjects: number;
  nominations_pending: number;
  short_subjects: number;
  progress: Progress;
};

/** A rater group below its minimum: why a subject is short. */
export type Shortfall = { relationship: string; have: number; min: number };

export type SubjectRow = {
  id: string;
  name: string;
  department: string | null;
  manager_id: string | null;
  raters: number;
  short: boolean;
  shortfalls: Shortfall[];
  report: boolean;
};

export type DepartmentProgress = {
  department: string;
  assignments: number;
  submitted: number;
  in_progress: number;
  declined: number;
  not_started: number;
  response_rate: number;
};

/** GET /cycles/{id}/progress: HR's page of a cycle in one request. */
export type CyclePage = {
  cycle: Cycle;
  departments: DepartmentProgress[];
  short: { subjects: SubjectRow[]; total: number; next: string | null };
  subjects: SubjectRow[];
  next: string | null;
};

export type SubjectsPage = { subjects: SubjectRow[]; next: string | null };

export type FormStatus = {
  rater_id: string;
  rater_name: string | null;
  relationship: string;
  status: "pending" | "in_progress" | "submitted" | "declined" | "removed";
  decline_reason: string | null;
  submitted_at: string | null;
  updated_at: string | null;
  reminders: number;
  undeliverable: boolean;
  undeliverable_reason: string | null;
};

/** GET /cycles/{id}/subjects/{e}/assignments: the subject's raters and their forms' status, never the answers. */
export type SubjectForms = { subject: { id: string; name: string }; assignments: FormStatus[] };

export type RaterEntry = { id: string; name: string | null; relationship: string; source?: string };

/** GET|PUT /cycles/{id}/subjects/{e}/raters. */
export type SubjectRaters = {
  subject: { id: string; name: string };
  derived: boolean;
  raters: RaterEntry[];
  proposals: { id: string; name: string | null; status: string }[];
  shortfalls: Shortfall[];
};

/** What POST /cycles takes (leaving out subjects reviews every active employee). */
export type NewCycleBody = {
  name: string;
  kind: CycleKind;
  deadline: string;
  subjects?: string[];
  departments?: string[];
  competencies?: string[];
  anonymity_threshold: number;
  workload_cap: number;
  reminders: { days_before: number[]; max: number };
};

export type CycleEventBody = { type: CycleEventType; deadline?: string; force?: boolean };

export type PastDueCase = {
  id: string;
  employee_id: string;
  employee_name: string | null;
  state: string;
  level: number;
  owner: string | null;
  owner_name: string | null;
  due: string | null;
  path: string;
};

/** GET /organisation/overview: the cycles still running and the cases past due. */
export type Overview = {
  now: string;
  cycles: Cycle[];
  cases_past_due: PastDueCase[];
  cases_read: number;
  more_cases: boolean;
};

export type Competency = { id: string; group: string; name: string; definition: string };
export type CompetencyLibrary = {
  locale: string;
  groups: { id: string; name: string; description: string }[];
  competencies: Competency[];
};
export type JobClass = { id: string; name: string; description: string; profile: string[] };
