/** One of the organisation's values: a stable id (what a recognition names), a name and what it means. */
export type OrgValue = { id: string; name: string; description: string };

export type EscalationRules = {
  others_overall_max: number;
  competency_max: number;
  acknowledge_days: number;
  plan_days: number;
  review_days: number[];
  hr_lead: string | null;
};

/** GET /organisation: the settings, and the names of the people they name (the HR lead and administrators). */
export type OrgSettings = {
  time_zone: string;
  escalation: EscalationRules;
  hr_admins: string[];
  values: OrgValue[];
  anonymity_threshold: number;
  /** The review cycles' rating scale, its labels lowest first. */
  rating_scale: string[];
  /** Months a closed round's answers, a held check-in and a closed case are kept (6 to 120). */
  retention_months: number;
  names: Record<string, string>;
};

/** What PUT /organisation takes: any subset; the console sends the whole form, values as the whole list. A field
 * the person typed that is not a number is sent as typed, for the API to name. */
export type OrgSettingsBody = {
  time_zone: string;
  escalation: Record<keyof EscalationRules, unknown>;
  hr_admins: string[];
  values: OrgValue[];
  anonymity_threshold: unknown;
  rating_scale: string[];
  /** Empty sends null: the default. */
  retention_months: unknown;
};
