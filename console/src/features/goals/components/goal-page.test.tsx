import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { fakeApi, renderSignedIn } from "../../../test/render";
import type { Goal, GoalDetail } from "../api/types";
import { GoalPage } from "./goal-page";

const CHILD: Goal = {
  id: "g-2",
  owner: "e013",
  title: "Answer every ticket the day it comes",
  measure: null,
  target: null,
  due: "2027-06-30",
  key_results: [],
  status: "on_track",
  visibility: "private",
  parent_id: "g-1",
  progress: 1,
  version: 1,
  counts_in_parent: false,
};

const GOAL: GoalDetail = {
  ...CHILD,
  id: "g-1",
  owner: "e012",
  title: "Answer customers within one working day",
  visibility: "organisation",
  parent_id: "g-0",
  progress: 0.5,
  counts_in_parent: undefined,
  parents: [
    { id: "g-0", title: "Keep every customer", owner: "m001", progress: 0.5, visibility: "organisation", status: "on_track" },
  ],
  children: [CHILD],
  more_children: false,
  history: [
    { version: 2, at: "2027-04-02T09:00:00+00:00", by: "e012", kind: "changed", changes: { due: { from: "a", to: "b" } }, reason: "The launch moved" },
    { version: 1, at: "2027-01-02T09:00:00+00:00", by: "e012", kind: "created", changes: {} },
  ],
  names: { e012: "Anna Nygaard", e013: "Bo Berg", m001: "Mads Holm" },
  may_change: true,
};

function renderPage() {
  return renderSignedIn(
    <Routes>
      <Route path="/my-goals/:goalId" element={<GoalPage />} />
    </Routes>,
    { path: "/my-goals/g-1" },
  );
}

describe("a goal's page", () => {
  it("shows the chain above it, the goals below it and its history with who, when and why", async () => {
    fakeApi({ "GET /goals/g-1": GOAL });
    renderPage();
    const above = await screen.findByRole("region", { name: "Where it hangs" });
    expect(within(above).getByRole("link", { name: "Keep every customer" }).getAttribute("href")).toBe("/my-goals/g-0");
    const below = screen.getByRole("region", { name: "Goals that support it" });
    expect(below.textContent).toContain("Answer every ticket the day it comes");
    expect(below.textContent).toContain("it does not count in this goal's progress");
    const history = screen.getByRole("region", { name: "History" });
    expect(history.textContent).toContain("Changed by Anna Nygaard");
    expect(history.textContent).toContain("Why: The launch moved");
    expect(history.textContent).toContain("Changed: due date");
  });

  it("confirms the goal for the quarter", async () => {
    const { calls } = fakeApi({ "GET /goals/g-1": GOAL, "POST /goals/g-1/confirm": { ...GOAL, version: 3 } });
    renderPage();
    fireEvent.click(await screen.findByRole("button", { name: "Confirm it for this quarter" }));
    await waitFor(() => expect(calls.some((c) => c.path === "/goals/g-1/confirm")).toBe(true));
    expect(await screen.findByText("Confirmed. It is kept in the goal's history.")).toBeTruthy();
  });

  it("offers no way to change a goal the reader may only see", async () => {
    fakeApi({ "GET /goals/g-1": { ...GOAL, may_change: false } });
    renderPage();
    await screen.findByRole("region", { name: "History" });
    expect(screen.queryByRole("button", { name: "Confirm it for this quarter" })).toBeNull();
    expect(screen.queryByText("Adjust this goal")).toBeNull();
  });
});
