import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, renderSignedIn } from "../../../test/render";
import type { CheckIn } from "../api/check-ins";
import { HrCheckInsPage } from "./hr-check-ins-page";
import { MyCheckInsPage } from "./my-check-ins-page";

const ME = {
  employee: { id: "e012", name: "Ann", email: "a@x", locale: "en", department: "Sales", job_class: null,
              manager_id: "e003", manager_name: "Mo" },
  roles: ["employee"], forms: [], reports: [], nominations: [], plans: [],
};
const CHECK_IN: CheckIn = {
  id: "c-1", employee_id: "e012", manager_id: "e003", date: "2027-03-04", state: "open",
  topics: [{ id: "t-1", text: "My workload", by: "e012", side: "employee", at: "" },
           { id: "t-2", text: "The release", by: "e003", side: "manager", at: "" }],
  shared_notes: { text: "Fewer meetings", by: "e003", at: "" },
  actions: [{ id: "a-1", text: "Book the course", owner: "e012", due: null, done: false, carried: true, raised_in: "c-0" }],
  development_focus: { cycle_id: "c", cycle_name: "Spring 360", report_path: "/reports/c/e012",
                       competencies: [{ id: "listening", name: "Listening" }] },
  goals: { open: [{ id: "g-1", title: "Answer customers", status: "on_track", due: "2027-06-30" }],
           path: "/goals?owner=e012", console: "/my-goals" },
  development_actions: [{ id: "d-1", title: "Shadow a design review", status: "open", due: null }],
  private_notes: { text: "I am tired", updated_at: null, only_you: true },
  may_change: true, version: 3,
};

describe("the check-ins pages", () => {
  it("shows the employee's check-in with their private notes marked as theirs alone, and adds a topic", async () => {
    const { calls } = fakeApi({
      "GET /me": ME,
      "GET /check-ins": { check_ins: [{ id: "c-1", employee_id: "e012", manager_id: "e003", date: "2027-03-04",
                                        state: "open", topics: 2, actions: 1, completed_at: null }],
                          pair: { employee_id: "e012", manager_id: "e003", cadence: "weekly", next_due: "2027-03-11T09:00:00+00:00",
                                  held: 3, missed: 0, last_check_in: "c-0", last_held_at: null } },
      "GET /check-ins/c-1": CHECK_IN,
      "POST /check-ins/c-1/topics": CHECK_IN,
    });
    renderSignedIn(<MyCheckInsPage />, { path: "/my-check-ins" });
    const checkIn = await screen.findByRole("article", { name: "Check-in of 2027-03-04" });
    expect(checkIn.textContent).toContain("My workload (you)");
    expect(checkIn.textContent).toContain("The release (manager)");
    expect(within(checkIn).getByLabelText("Your private notes")).toHaveProperty("value", "I am tired");
    expect(checkIn.textContent).toContain("Only you can read this.");
    expect(within(checkIn).getByRole("link", { name: "open the report" }).getAttribute("href")).toBe("/reports/c/e012");
    expect(within(checkIn).getByRole("link", { name: "Shadow a design review" }).getAttribute("href")).toBe("/my-development");
    expect(screen.getByText(/You meet Mo weekly/)).toBeTruthy();
    fireEvent.change(within(checkIn).getByLabelText("A topic for the agenda"), { target: { value: "Training" } });
    fireEvent.click(within(checkIn).getAllByRole("button", { name: "Add" })[0]);
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")).toEqual({ method: "POST", path: "/check-ins/c-1/topics", body: { text: "Training" } });
  });

  it("shows HR the two-way and missed shares by department, with the small ones left out", async () => {
    fakeApi({
      "GET /organisation/check-ins": {
        threshold: 3, other: null, hidden_departments: 1,
        departments: [{ department: "Sales", pairs: 5, topics: { employee: 6, manager: 4 }, employee_topic_share: 0.6,
                        held: 9, missed: 1, missed_share: 0.1 }],
      },
    });
    renderSignedIn(<HrCheckInsPage />, { path: "/hr/check-ins" });
    const row = await screen.findByRole("row", { name: /Sales/ });
    expect(row.textContent).toContain("60 %");
    expect(row.textContent).toContain("10 %");
    expect(screen.getByText(/1 small department is left out/)).toBeTruthy();
  });
});
