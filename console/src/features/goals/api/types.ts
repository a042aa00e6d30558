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
  findings?: Finding[];
};

export type HistoryEntry = {
  version: number;
  at: string;
  by: string;
  kind: "created" | "changed" | "progress";
  changes: Record<string, { from: unknown; to: unknown }>;
  reason?: string;
  note?: string;
};

export type GoalDetail = Goal & {
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
