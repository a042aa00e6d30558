import type { Analytics } from "./api/types";

/** A released cycle's analytics: two departments (one with a name a spreadsheet would run), one hidden cell. */
export function analyticsOf(overrides: Partial<Analytics> = {}): Analytics {
  return {
    response_rates: {
      by_department: {
        "R&D": {
          all: { asked: 40, submitted: 31, rate: 0.775 },
          by_group: {
            self: { asked: 8, submitted: 8, rate: 1 },
            manager: { asked: 8, submitted: 8, rate: 1 },
            peer: { asked: 24, submitted: 15, rate: 0.625 },
          },
        },
        "=Sales": {
          all: { asked: 10, submitted: 5, rate: 0.5 },
          by_group: { self: { asked: 4, submitted: 2, rate: 0.5 }, manager: { asked: 4, submitted: 4, rate: 1 } },
        },
      },
      by_group: {
        self: { asked: 12, submitted: 10, rate: 0.833 },
        manager: { asked: 12, submitted: 12, rate: 1 },
        peer: { asked: 26, submitted: 9, rate: 0.346 },
      },
    },
    heat_map: {
      "R&D": { listening: { mean: 4.1, raters: 20 }, teamwork: { mean: null, raters: 2 } },
      "=Sales": { listening: { mean: 3.84, raters: 6 } },
    },
    instrument: { cronbach_alpha: { listening: 0.87, teamwork: 0.42 }, rater_icc1: 0.31 },
    threshold: 3,
    cycle: { id: "c-1", name: "Spring 360", kind: "360", state: "released", closed_at: "2027-03-31T21:59:59+00:00", released_at: null },
    competencies: { listening: "Listening", teamwork: "Teamwork" },
    ...overrides,
  };
}
