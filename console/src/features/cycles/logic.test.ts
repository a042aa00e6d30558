import { describe, expect, it } from "vitest";
import { needsOf } from "./attention";
import type { Cycle } from "./api/types";
import { eventsFor, openForms, percent } from "./events";
import { EMPTY_FORM, newCycleBody, parseDays, parseIds } from "./new-cycle";
import { cycleOf } from "./test-fixtures";

describe("the events a cycle's state allows", () => {
  it("follows the API's transitions: launch before it opens, remind/extend/close while open, release once reported", () => {
    expect(eventsFor("draft")).toEqual(["launch", "nominate", "cancel"]);
    expect(eventsFor("nominating")).toEqual(["launch", "cancel"]);
    expect(eventsFor("open")).toEqual(["remind", "extend", "close", "cancel"]);
    expect(eventsFor("reported")).toEqual(["release"]);
    for (const state of ["closed", "released", "cancelled"] as const) expect(eventsFor(state)).toEqual([]);
  });

  it("counts the forms still open: neither submitted nor declined", () => {
    expect(openForms(cycleOf({ state: "open" }).progress)).toBe(40 - 25 - 3);
  });

  it("says a rate as a whole percentage in the reader's language", () => {
    expect(percent(0.625, "en")).toBe("63%");
    expect(percent(0.625, "da").replace(/\s/g, " ")).toBe("63 %");
  });
});

describe("what needs HR now", () => {
  const now = "2027-03-01T09:00:00+00:00";
  const cycle = (fields: Partial<Cycle>) => cycleOf(fields);

  it("names short subjects before launch, bounced addresses and deadlines this week while open, and reports to release", () => {
    const needs = needsOf({
      now,
      cycles: [
        cycle({ id: "c-short", state: "nominating", short_subjects: 4 }),
        cycle({ id: "c-due", state: "open", deadline: "2027-03-05T22:59:59+00:00" }),
        cycle({ id: "c-later", state: "open", deadline: "2027-03-20T22:59:59+00:00" }),
        cycle({ id: "c-done", state: "reported" }),
      ],
    });
    expect(needs.map((n) => [n.kind, n.cycle.id])).toEqual([
      ["short", "c-short"],
      ["undeliverable", "c-due"],
      ["deadline", "c-due"],
      ["undeliverable", "c-later"],
      ["release", "c-done"],
    ]);
  });

  it("does not count a deadline already past, nor short subjects once launched anyway", () => {
    const needs = needsOf({
      now,
      cycles: [
        cycle({ state: "open", deadline: "2027-02-28T22:59:59+00:00", progress: { ...cycleOf({}).progress, undeliverable: 0 } }),
        cycle({ state: "open", short_subjects: 2, progress: { ...cycleOf({}).progress, undeliverable: 0 }, deadline: "2027-04-01T00:00:00+00:00" }),
      ],
    });
    expect(needs).toEqual([]);
  });
});

describe("the create form's body", () => {
  it("reads pasted ids in any shape, each once", () => {
    expect(parseIds(" e001, e002\ne003;e001  e004 ")).toEqual(["e001", "e002", "e003", "e004"]);
    expect(parseIds("  ")).toEqual([]);
  });

  it("reads reminder days as whole numbers, latest first, or refuses them", () => {
    expect(parseDays("1, 7 3,7")).toEqual([7, 3, 1]);
    expect(parseDays("")).toEqual([]);
    expect(parseDays("7, three")).toBeNull();
    expect(parseDays("-1")).toBeNull();
  });

  it("leaves out subjects for everyone and competencies for each person's profile", () => {
    const { body, problems } = newCycleBody({ ...EMPTY_FORM, name: " Spring ", deadline: "2027-03-31" });
    expect(problems).toEqual([]);
    expect(body).toEqual({
      name: "Spring",
      kind: "360",
      deadline: "2027-03-31",
      anonymity_threshold: 3,
      workload_cap: 8,
      reminders: { days_before: [7, 3, 1], max: 3 },
    });
  });

  it("sends the chosen competencies and listed subjects", () => {
    const { body } = newCycleBody({
      ...EMPTY_FORM,
      name: "Sales 180",
      kind: "180",
      deadline: "2027-03-31",
      competencyMode: "chosen",
      competencies: ["listening", "teamwork"],
      subjectsMode: "listed",
      subjectIds: "e002 e003",
      reminderDays: "5",
      reminderMax: "1",
      threshold: "4",
      workloadCap: "6",
    });
    expect(body).toMatchObject({
      kind: "180",
      competencies: ["listening", "teamwork"],
      subjects: ["e002", "e003"],
      reminders: { days_before: [5], max: 1 },
      anonymity_threshold: 4,
      workload_cap: 6,
    });
  });

  it("names every problem it can see before asking the API", () => {
    const { body, problems } = newCycleBody({
      ...EMPTY_FORM,
      competencyMode: "chosen",
      subjectsMode: "listed",
      reminderDays: "soon",
    });
    expect(body).toBeNull();
    expect(problems.map((p) => p.key)).toEqual(["notDays", "noIds", "noCompetencies"]);
  });

  it("sends the departments named, each once, and asks for one when none is", () => {
    const form = { ...EMPTY_FORM, name: "Sales 360", deadline: "2027-03-31", subjectsMode: "departments" as const };
    expect(newCycleBody({ ...form, departments: " Sales\nSupport, Sales\n" }).body?.departments).toEqual(["Sales", "Support"]);
    expect(newCycleBody({ ...form, departments: "Sales" }).body?.subjects).toBeUndefined();
    expect(newCycleBody({ ...form, departments: " \n" }).problems).toEqual([{ field: "departments", key: "noDepartments" }]);
  });
});
