import type { EscalationCase } from "../features/escalations/api/types";
import type { Me } from "../features/people/api/get-me";
import type { Team } from "../features/team/api/get-team";

export function meOf(overrides: Partial<Me> = {}): Me {
  return {
    employee: {
      id: "e012",
      name: "Anna Nygaard",
      email: "anna@example.org",
      locale: "en",
      department: "Engineering",
      job_class: "technical",
      manager_id: "m001",
      manager_name: "Mads Holm",
    },
    roles: ["employee"],
    forms: [],
    reports: [],
    nominations: [],
    plans: [],
    ...overrides,
  };
}

export function teamOf(overrides: Partial<Team> = {}): Team {
  return {
    members: [
      {
        id: "e012",
        name: "Anna Nygaard",
        department: "Engineering",
        job_class: "technical",
        rounds: [
          {
            cycle_id: "c-2027",
            cycle_name: "Spring 2027",
            state: "nominating",
            deadline: "2027-03-31T21:59:00+00:00",
            raters: [{ id: "m001", name: "Mads Holm", relationship: "manager" }],
            proposals: [
              { id: "e020", name: "Bo Berg", status: "proposed" },
              { id: "e021", name: "Cleo Dahl", status: "proposed" },
              { id: "e022", name: "Dina Eriksen", status: "proposed" },
              { id: "e023", name: "Emil Falk", status: "approved" },
            ],
            report_path: null,
          },
        ],
        cases: [],
      },
    ],
    cases: [],
    ...overrides,
  };
}

export function caseOf(overrides: Partial<EscalationCase> = {}): EscalationCase {
  return {
    id: "case-1",
    employee_id: "e012",
    manager_id: "m001",
    cause: "manager_flag",
    source: { by: "m001", note: "Missed every deadline this quarter." },
    state: "open",
    level: 0,
    owner: "m001",
    due: "2027-02-10T10:00:00+00:00",
    plan: null,
    reviews: [],
    events: [
      {
        at: "2027-02-03T10:00:00+00:00",
        by: "m001",
        type: "opened",
        detail: { cause: "manager_flag", owner: "m001" },
      },
    ],
    opened_at: "2027-02-03T10:00:00+00:00",
    closed_at: null,
    decision: null,
    version: 1,
    names: { e012: "Anna Nygaard", m001: "Mads Holm" },
    ...overrides,
  };
}
