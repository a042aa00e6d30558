/** A goal as the API gives it (GET /goals, GET /goals/{id}, and the answers of every save). */
export type KeyResult = {
  id: string;
  title: string;
  start: number;
  target: number;
  current: number;
  unit: string | null;
  progress: number;
};

export type Finding = { code: string; message: string; field: string | null };

export type Goal = {
  id: string;
  owner: string;
  title: string;
  measure: string | null;
  target: string | number | null;
  due: string;
  key_results: KeyResult[];
  status: "on_track" | "at_risk" | "off_track" | "done" | "dropped";
  visibility: "organisation" | "private";
  parent_id: string | null;
  progress: number | null;
  version: number;
  updated_at?: string;
  confirmed_at?: string | null;
  /** On a parent's page: whether this child counts in the parent's progress (a private one counts only in a
   * private parent of its owner). */
  counts_in_parent?: boolean;
  findings?: Finding[];
};

/** A goal above another, as the goal's page shows its chain (nearest first). */
export type Above = Pick<Goal, "id" | "title" | "owner" | "progress" | "visibility" | "status">;

/** GET /goals?owner=: an owner's goals the reader may see, and the parents of theirs the reader may see. */
export type OwnerGoals = { goals: Goal[]; parents: Record<string, { title: string; owner: string }> };

/** GET /goals?scope=organisation: a page of the company's goals (organisation-wide, under nothing). */
export type OrganisationGoals = { goals: Goal[]; names: Record<string, string>; next: string | null };

/** GET /goals?scope=team: the reader's direct reports and their goals. */
export type TeamGoals = {
  quarter: string;
  people: { id: string; name: string; goals: Goal[]; open: number; looked_at_this_quarter: boolean }[];
};

export type HistoryEntry = {
  version: number;
  at: string;
  by: string;
  kind: "created" | "changed" | "progress" | "confirmed";
  changes: Record<string, { from: unknown; to: unknown }>;
  reason?: string;
  note?: string;
};

export type GoalDetail = Goal & {
  parents: Above[];
  children: Goal[];
  more_children: boolean;
  history: HistoryEntry[];
  names: Record<string, string>;
  may_change: boolean;
};

/** What the form sends: a goal being written (POST /goals, POST /goals/findings). */
export type GoalDraft = {
  title: string;
  measure?: string;
  target?: string;
  due?: string;
  visibility?: "organisation" | "private";
  parent_id?: string;
  key_results?: { title: string; start: number; target: number; unit?: string }[];
};

/** One department's goal alignment this quarter (or the small departments folded together: no department). */
export type DepartmentGoalsRow = {
  department: string | null;
  people: number;
  goals: number;
  aligned: number;
  aligned_share: number | null;
  progress: { none: number; "0-25": number; "25-50": number; "50-75": number; "75-100": number };
  looked_at: number;
};

export type DepartmentGoals = {
  quarter: string;
  threshold: number;
  departments: DepartmentGoalsRow[];
  other: (DepartmentGoalsRow & { departments: number }) | null;
  hidden_departments: number;
};
