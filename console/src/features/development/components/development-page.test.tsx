import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, renderSignedIn } from "../../../test/render";
import type { Plan } from "../api/plan";
import { DevelopmentPage } from "./development-page";

function plan(employee: string, mine: boolean): Plan {
  return {
    employee_id: employee,
    aspirations: "Lead a team",
    seeded_from: ["c-1"],
    actions: [
      { id: "a1", kind: "report", title: "Summarise before you answer.", status: "open", due: null, note: null,
        competency: "listening", competency_name: "Listening", cycle_id: "c-1", comments: [] },
      { id: "a2", kind: "own", title: "Shadow a colleague", status: "in_progress", due: "2030-06-30", note: null,
        competency: null, competency_name: null, cycle_id: null,
        comments: [{ by: "m1", at: "2030-03-04T09:00:00+00:00", text: "Good start" }] },
      { id: "esc-1.m1", kind: "case", title: "Reply within two days", status: "open", due: "2030-02-01", note: null,
        competency: null, competency_name: null, cycle_id: null, case_id: "esc-1", comments: [] },
    ],
    version: 3,
    history: [],
    names: { [employee]: "Ann", m1: "Max" },
    may_change: mine,
    may_comment: true,
  };
}

describe("the development plan", () => {
  it("groups seeded actions by competency and marks progress", async () => {
    const mine = plan("e012", true);
    const { calls } = fakeApi({
      "GET /employees/e012/development-plan": mine,
      "PATCH /employees/e012/development-plan/actions/a1": { ...mine, version: 4 },
    });
    renderSignedIn(<DevelopmentPage />, { path: "/my-development" });
    const listening = await screen.findByRole("region", { name: "Listening" });
    expect(listening.textContent).toContain("Summarise before you answer.");
    const own = screen.getByRole("region", { name: "Your own actions" });
    const improvement = screen.getByRole("region", { name: "Improvement plan: the agreed measures" });
    expect(improvement.textContent).toContain("Reply within two days");
    // An agreed measure keeps the plan's date and is not dropped: no date field, no "Dropped".
    expect(within(improvement).queryByLabelText("Due date")).toBeNull();
    const options = within(within(improvement).getByLabelText("Status")).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Open", "In progress", "Done"]);
    const order = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(order).toEqual(["Improvement plan: the agreed measures", "Competency: Listening", "Your own actions"]);
    expect(own.textContent).toContain("Max: Good start");
    fireEvent.change(within(listening).getByLabelText("Status"), { target: { value: "done" } });
    fireEvent.click(within(listening).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ status: "done", due: null, note: null });
  });

  it("lets a manager comment but not change a report's plan", async () => {
    fakeApi({ "GET /employees/e013/development-plan": plan("e013", false) });
    renderSignedIn(<DevelopmentPage />, { path: "/my-development?employee=e013" });
    await screen.findByRole("heading", { name: "Development plan of Ann" });
    expect(screen.queryByLabelText("Status")).toBeNull();
    expect(screen.queryByText("Add an action")).toBeNull();
    expect(screen.getAllByLabelText("Comment").length).toBe(3);
  });

  it("marks progress on an agreed measure without its date, and leaves an ended plan's measure as it is", async () => {
    const base = plan("e012", true);
    const agreed = base.actions[2];
    const ended = { ...agreed, id: "esc-2.m1", case_id: "esc-2", status: "done" as const, case_closed: true,
      title: "Close ten tickets a week", created_at: "2029-06-01T09:00:00+00:00" };
    const mine = { ...base, actions: [agreed, ended] };
    const { calls } = fakeApi({
      "GET /employees/e012/development-plan": mine,
      "PATCH /employees/e012/development-plan/actions/esc-1.m1": { ...mine, version: 4 },
    });
    renderSignedIn(<DevelopmentPage />, { path: "/my-development" });
    const open = await screen.findByRole("region", { name: "Improvement plan: the agreed measures" });
    fireEvent.change(within(open).getByLabelText("Status"), { target: { value: "in_progress" } });
    fireEvent.click(within(open).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ status: "in_progress", note: null });
    const done = screen.getByRole("region", { name: "Improvement plan of 1 June 2029: the agreed measures" });
    expect(done.textContent).toContain("The improvement plan has ended");
    expect(within(done).queryByLabelText("Status")).toBeNull();
  });
});
