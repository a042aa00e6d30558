import type { Cycle, CyclePage, SubjectRow } from "./api/types";

export function cycleOf(fields: Partial<Cycle>): Cycle {
  return {
    id: "c-2027",
    name: "Spring 360",
    kind: "360",
    state: "open",
    deadline: "2027-03-31T21:59:59+00:00",
    time_zone: "Europe/Copenhagen",
    competencies: ["listening", "teamwork"],
    anonymity_threshold: 3,
    manager_identified: true,
    workload_cap: 8,
    raters: { peer: { min: 2, max: 5 } },
    reminders: { days_before: [7, 3, 1], max: 3 },
    created_at: "2027-02-01T10:00:00+00:00",
    launched_at: "2027-02-02T10:00:00+00:00",
    closed_at: null,
    released_at: null,
    subjects: 5,
    nominations_pending: 0,
    short_subjects: 0,
    progress: {
      subjects: 5,
      assignments: 40,
      invited: 40,
      in_progress: 4,
      submitted: 25,
      declined: 3,
      undeliverable: 1,
      response_rate: 0.625,
    },
    ...fields,
  };
}

export function subjectOf(fields: Partial<SubjectRow>): SubjectRow {
  return {
    id: "e012",
    name: "Anna Nygaard",
    department: "Engineering",
    manager_id: "e011",
    raters: 6,
    short: false,
    shortfalls: [],
    report: false,
    ...fields,
  };
}

export function pageOf(fields: Partial<CyclePage> = {}, cycle: Partial<Cycle> = {}): CyclePage {
  return {
    cycle: cycleOf(cycle),
    departments: [
      {
        department: "Engineering",
        assignments: 30,
        submitted: 21,
        in_progress: 3,
        declined: 2,
        not_started: 4,
        response_rate: 0.7,
      },
      { department: "Sales", assignments: 10, submitted: 4, in_progress: 1, declined: 1, not_started: 4, response_rate: 0.4 },
    ],
    short: { subjects: [], total: 0, next: null },
    subjects: [subjectOf({}), subjectOf({ id: "e014", name: "Grace Howell" })],
    next: null,
    ...fields,
  };
}
