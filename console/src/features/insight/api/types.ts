/** Asked and submitted forms, and their ratio (null when nobody was asked). */
export type Rate = { asked: number; submitted: number; rate: number | null };

/** A heat-map cell: the mean of the ratings the reports showed in "all others", or null under the threshold. */
export type HeatCell = { mean: number | null; raters: number };

export type RaterGroup = "self" | "manager" | "peer" | "direct_report" | "other";

/** GET /cycles/{id}/analytics: HR's figures of a cycle, with its name and its competencies' names. */
export type Analytics = {
  response_rates: {
    by_department: Record<string, { all: Rate; by_group: Partial<Record<RaterGroup, Rate>> }>;
    by_group: Partial<Record<RaterGroup, Rate>>;
  };
  heat_map: Record<string, Record<string, HeatCell>>;
  instrument: { cronbach_alpha: Record<string, number | null>; rater_icc1: number | null };
  threshold: number;
  cycle: { id: string; name: string; kind: string; state: string; closed_at: string | null; released_at: string | null };
  /** Competency id → its name in the language asked for. */
  competencies: Record<string, string>;
};

/** A cycle as GET /cycles lists it (what the reports index needs of it). */
export type CycleSummary = {
  id: string;
  name: string;
  kind: string;
  state: string;
  deadline: string;
  time_zone?: string;
  closed_at: string | null;
  released_at: string | null;
  subjects: number;
};

/** A subject as GET /cycles/{id}/subjects lists it; `report` says whether their report is built. */
export type CycleSubject = {
  id: string;
  name: string;
  department: string | null;
  manager_id: string | null;
  report: boolean;
};

export type SubjectsPage = { subjects: CycleSubject[]; next: string | null };
