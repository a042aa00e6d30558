import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { employee, fakeApi, renderSignedIn } from "../../../test/render";
import { cycleOf } from "../test-fixtures";
import { OverviewPage } from "./overview";

const hr = { ...employee, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

describe("HR's overview", () => {
  it("reads one request and lists what needs HR now, each linking where to act", async () => {
    const { calls } = fakeApi({
      "GET /organisation/overview": {
        now: "2027-03-28T09:00:00+00:00",
        cycles: [
          cycleOf({ id: "c-open", name: "Spring 360" }),
          cycleOf({ id: "c-new", name: "Sales 180", state: "draft", launched_at: null, short_subjects: 2 }),
        ],
        cases_past_due: [
          { id: "case-1", employee_id: "e012", employee_name: "Anna Nygaard", state: "open", level: 1, owner: "e011",
            owner_name: "Daniel Brooks", due: "2027-03-20T10:00:00+00:00", path: "/cases/case-1" },
        ],
        cases_read: 1,
        more_cases: false,
      },
    });
    renderSignedIn(<OverviewPage />, { profile: hr, path: "/hr" });
    const needs = await screen.findByRole("region", { name: "What needs you now" });
    const items = within(needs).getAllByRole("listitem").map((item) => item.textContent);
    expect(items).toEqual([
      expect.stringContaining("1 rater's e-mail address could not be reached."),
      expect.stringMatching(/Closes this week, with a response rate of 63% so far: 31 March 2027/),
      expect.stringContaining("2 people have too few raters."),
      expect.stringContaining("Past due with Daniel Brooks since 20 March 2027"),
    ]);
    expect(within(needs).getByRole("link", { name: "Case about Anna Nygaard" }).getAttribute("href")).toBe("/cases/case-1");
    expect(within(needs).getAllByRole("link", { name: "Sales 180" })[0].getAttribute("href")).toBe("/hr/cycles/c-new");
    const running = screen.getByRole("region", { name: "Cycles under way" });
    expect(within(running).getAllByRole("link").map((l) => l.textContent)).toEqual([
      "Spring 360",
      "Sales 180",
      "Create a cycle",
    ]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /organisation/overview"]);
  });

  it("says so when nothing needs HR", async () => {
    fakeApi({ "GET /organisation/overview": { now: "2027-03-28T09:00:00+00:00", cycles: [], cases_past_due: [], cases_read: 0, more_cases: false } });
    renderSignedIn(<OverviewPage />, { profile: hr, path: "/hr" });
    await screen.findByText("Nothing needs you right now.");
    expect(screen.getByText("No cycle is under way.")).toBeTruthy();
  });

  it("shows not found to someone the API refuses", async () => {
    fakeApi({ "GET /organisation/overview": () => [403, { error: { code: "forbidden", message: "this needs the role 'hr_admin'" } }] });
    renderSignedIn(<OverviewPage />, { path: "/hr" });
    await screen.findByRole("heading", { name: "Page not found" });
  });
});
