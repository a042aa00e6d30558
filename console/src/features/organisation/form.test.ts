import { describe, expect, it } from "vitest";
import type { OrgSettings } from "./api/types";
import { bodyOf, daysOf, formOf, newValue, numberOf, problemsAt, renamed, timeZones, valueId } from "./form";

const SETTINGS: OrgSettings = {
  time_zone: "Europe/Copenhagen",
  escalation: {
    others_overall_max: 2,
    competency_max: 1.5,
    acknowledge_days: 5,
    plan_days: 10,
    review_days: [30, 60, 90],
    hr_lead: "e021",
  },
  hr_admins: ["e021"],
  values: [{ id: "customer-first", name: "Customer first", description: "We start from what the customer needs." }],
  anonymity_threshold: 3,
  rating_scale: ["Unacceptable", "Below expectations", "Meets expectations", "Exceeds expectations", "Outstanding"],
  retention_months: 36,
  names: { e021: "Camilla Bech" },
};

describe("the organisation form", () => {
  it("sends back what it was given unchanged", () => {
    expect(bodyOf(formOf(SETTINGS))).toEqual({
      time_zone: "Europe/Copenhagen",
      escalation: { ...SETTINGS.escalation },
      hr_admins: ["e021"],
      values: SETTINGS.values,
      anonymity_threshold: 3,
      rating_scale: SETTINGS.rating_scale,
      retention_months: 36,
    });
  });

  it("sends the retention as typed, and null for the default when it is left empty", () => {
    expect(bodyOf({ ...formOf(SETTINGS), retentionMonths: " 24 " }).retention_months).toBe(24);
    expect(bodyOf({ ...formOf(SETTINGS), retentionMonths: "" }).retention_months).toBeNull();
    expect(bodyOf({ ...formOf(SETTINGS), retentionMonths: "two years" }).retention_months).toBe("two years");
  });

  it("reads the rating scale one label a line, blank lines and spaces left out", () => {
    expect(formOf(SETTINGS).ratingScale.split("\n")).toHaveLength(5);
    expect(bodyOf({ ...formOf(SETTINGS), ratingScale: " Not yet \n\nPartly\nFully\n" }).rating_scale).toEqual([
      "Not yet",
      "Partly",
      "Fully",
    ]);
  });

  it("shows and reads decimals as the reader writes them", () => {
    const form = formOf(SETTINGS, "da");
    expect(form.competencyMax).toBe("1,5");
    expect(bodyOf(form).escalation.competency_max).toBe(1.5);
  });

  it("sends what is not a number as typed, for the API to name", () => {
    expect(numberOf(" 4 ")).toBe(4);
    expect(numberOf("four")).toBe("four");
    expect(numberOf("")).toBe("");
    expect(daysOf("30, 60 ,90")).toEqual([30, 60, 90]);
    expect(daysOf("30 sixty")).toEqual([30, "sixty"]);
    expect(bodyOf({ ...formOf(SETTINGS), hrLead: "  " }).escalation.hr_lead).toBeNull();
  });

  it("gives a new value an id from its name until HR writes one, and never changes a saved value's id", () => {
    let value = renamed(newValue(), "Mod & ærlighed");
    expect(value.id).toBe("mod-aerlighed");
    value = renamed({ ...value, id: "courage", idEdited: true }, "Mod");
    expect(value.id).toBe("courage");
    const saved = formOf(SETTINGS).values[0];
    expect(renamed(saved, "Customers first").id).toBe("customer-first");
  });

  it("makes ids of letters, digits and hyphens, at most 40 long", () => {
    expect(valueId("  Ownership!  ")).toBe("ownership");
    expect(valueId("Crème brûlée")).toBe("creme-brulee");
    expect(valueId("x".repeat(39) + " y")).toBe("x".repeat(39));
  });

  it("offers UTC and the browser's IANA zones", () => {
    const zones = timeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Europe/Copenhagen");
  });

  it("finds the API's problems about a field and its items", () => {
    const details = [
      { field: "values[2].name", message: "is required" },
      { field: "hr_admins", message: "'x' is not an active employee" },
      { field: "escalation.review_days[2]", message: "must be a whole number" },
    ];
    expect(problemsAt(details, "values[2].name")).toHaveLength(1);
    expect(problemsAt(details, "values[1].name")).toHaveLength(0);
    expect(problemsAt(details, "escalation.review_days")).toHaveLength(1);
  });
});
