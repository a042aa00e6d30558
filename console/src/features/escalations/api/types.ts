export type CaseState = "open" | "acknowledged" | "plan_agreed" | "closed";
export type ReviewOutcome = "improved" | "extended" | "closed";

/** An improvement plan agreed for the caller (GET /me "plans"): the plan, never the case's notes. */
export type ImprovementPlan = {
  case_id: string;
  state: CaseState;
  expectations: string;
  support: string;
  measures: string;
  review_dates: string[];
  agreed_at: string;
  reviews: { at: string; outcome: ReviewOutcome }[];
};

export type CaseEvent = { at: string; by: string; type: string; detail: Record<string, unknown> };

/** An escalation case as GET /escalations/{id} answers it, with the names of everyone it mentions. */
export type EscalationCase = {
  id: string;
  employee_id: string;
  manager_id: string | null;
  cause: string;
  source: Record<string, unknown>;
  state: CaseState;
  level: number;
  owner: string | null;
  due: string | null;
  plan: {
    expectations: string;
    support: string;
    measures: string;
    review_dates: string[];
    agreed_at: string;
    agreed_by: string;
  } | null;
  reviews: {
    at: string;
    by: string;
    outcome: ReviewOutcome;
    notes: string;
    scheduled: string | null;
    decision: string | null;
  }[];
  events: CaseEvent[];
  opened_at: string;
  closed_at: string | null;
  decision: string | null;
  version: number;
  /** Employee id → name, for everyone the case mentions (POST answers may leave it out). */
  names?: Record<string, string>;
};

/** What POST /escalations/{id}/events takes. */
export type CaseEventBody =
  | { type: "acknowledge" }
  | { type: "plan"; expectations: string; support: string; measures: string; review_dates?: string[] }
  | { type: "review"; outcome: ReviewOutcome; notes: string; decision?: string }
  | { type: "close"; decision: string };
