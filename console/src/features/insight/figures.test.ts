import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { i18n } from "../../lib/i18n";
import type { Analytics } from "./api/types";
import { alphaBand, heatLevel, heatMapCsv, heatTable, iccBand, instrumentCsv, responseRatesCsv } from "./figures";
import { analyticsOf } from "./test-fixtures";

const t = i18n.getFixedT("en") as TFunction;

describe("HR's figures", () => {
  it("lays the heat map out by department and competency name, with no cell where nobody rated", () => {
    const table = heatTable(analyticsOf());
    expect(table.competencies.map((c) => c.name)).toEqual(["Listening", "Teamwork"]);
    expect(table.rows.map((r) => r.department)).toEqual(["=Sales", "R&D"]);
    expect(table.rows[0].cells).toEqual([{ mean: 3.84, raters: 6 }, null]);
    expect(table.rows[1].cells[1]).toEqual({ mean: null, raters: 2 });
  });

  it("shades a mean by half points from 2.5", () => {
    expect([1.2, 2.5, 3.2, 3.99, 4.0, 5].map(heatLevel)).toEqual([1, 2, 3, 4, 5, 5]);
  });

  it("reads alpha from 0.7 as one thing measured, and ICC(1) as usual from 0.2", () => {
    expect([0.85, 0.7, 0.6, 0.3, -0.1, null].map(alphaBand)).toEqual([
      "consistent",
      "consistent",
      "fair",
      "inconsistent",
      "inconsistent",
      "unknown",
    ]);
    expect([0.05, 0.2, 0.41, 0.5, null].map(iccBand)).toEqual(["low", "typical", "typical", "high", "unknown"]);
  });

  it("exports the response rates with each department's groups and every group's total", () => {
    const rows = responseRatesCsv(analyticsOf(), t);
    expect(rows[0]).toEqual(["Department", "Rater group", "Asked", "Answered", "Response rate (%)"]);
    expect(rows).toContainEqual(["R&D", "All groups", 40, 31, 77.5]);
    expect(rows).toContainEqual(["R&D", "Peer", 24, 15, 62.5]);
    expect(rows).toContainEqual(["All departments", "Manager", 12, 12, 100]);
  });

  it("exports the heat map as shown: a mean, 'too few raters', or nothing", () => {
    expect(heatMapCsv(analyticsOf(), t)).toEqual([
      ["Department", "Listening", "Teamwork"],
      ["=Sales", 3.84, null],
      ["R&D", 4.1, "Too few raters"],
    ]);
  });

  it("exports each competency's alpha and the raters' ICC(1) with how to read them", () => {
    expect(instrumentCsv(analyticsOf(), t)).toEqual([
      ["Measure", "Competency", "Value", "Reading"],
      ["Cronbach's alpha", "Listening", 0.87, "measures one thing"],
      ["Cronbach's alpha", "Teamwork", 0.42, "inconsistent: read the behaviours one by one"],
      ["How far raters agree: ICC(1)", "All competencies", 0.31, "usual agreement for 360° feedback"],
    ]);
  });

  it("names a competency the library no longer has by its id", () => {
    const analytics: Analytics = { ...analyticsOf(), competencies: { listening: "Listening" } };
    expect(heatTable(analytics).competencies.map((c) => c.name)).toEqual(["Listening", "teamwork"]);
  });
});
