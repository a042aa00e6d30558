import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, manager, renderSignedIn } from "../../../test/render";
import type { Goal, TeamGoals } from "../api/types";
import { TeamGoalsPage } from "./team-goals-page";

const GOAL: Goal = {
  id: "g-1",
  owner: "e012",
  title: "Answer customers within one working day",
  measure: null,
  target: null,
  due: "2027-06-30",
  key_results: [],
  status: "at_risk",
  visibility: "private",
  parent_id: null,
  progress: 0.25,
  version: 1,
};

const TEAM: TeamGoals = {
  quarter: "2027-Q2",
  people: [
    { id: "e012", name: "Anna Nygaard", goals: [GOAL], open: 1, looked_at_this_quarter: false },
    { id: "e013", name: "Bo Berg", goals: [{ ...GOAL, id: "g-2", owner: "e013" }], open: 1, looked_at_this_quarter: true },
    { id: "e014", name: "Carl Dahl", goals: [], open: 0, looked_at_this_quarter: false },
  ],
};

describe("the team's goals", () => {
  it("shows each report's goals with progress and who has not looked at them this quarter", async () => {
    const { calls } = fakeApi({ "GET /goals": TEAM });
    renderSignedIn(<TeamGoalsPage />, { profile: manager, path: "/team/goals" });
    const waiting = await screen.findByRole("region", { name: "Not looked at since 2027-Q2 began" });
    expect(within(waiting).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Anna Nygaard"]);
    const anna = screen.getByRole("region", { name: "Anna Nygaard" });
    expect(within(anna).getByRole("progressbar").getAttribute("value")).toBe("25");
    expect(within(anna).getByRole("link", { name: GOAL.title }).getAttribute("href")).toBe("/my-goals/g-1");
    expect(screen.getByRole("region", { name: "Carl Dahl" }).textContent).toContain("No open goals.");
    expect(calls.map((c) => c.path)).toEqual(["/goals"]);
  });
});
