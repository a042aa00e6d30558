import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { employee, fakeApi, renderSignedIn } from "../../../test/render";
import type { DepartmentGoals } from "../api/types";
import { HrGoalsPage } from "./hr-goals-page";

const hr = { ...employee, employeeId: "e021", name: "Helle Hansen", groups: ["employee", "hr_admin"] };

const ROW = {
  department: "Sales",
  people: 12,
  goals: 30,
  aligned: 24,
  aligned_share: 0.8,
  progress: { none: 3, "0-25": 6, "25-50": 9, "50-75": 7, "75-100": 5 },
  looked_at: 10,
};

const FOUND: DepartmentGoals = {
  quarter: "2027-Q2",
  threshold: 3,
  departments: [ROW],
  other: { ...ROW, department: null, people: 4, goals: 8, aligned: 2, aligned_share: 0.25, looked_at: 1, departments: 2 },
  hidden_departments: 0,
};

describe("HR's goal alignment", () => {
  it("shows each department's and the folded departments' figures, and no total", async () => {
    const { calls } = fakeApi({ "GET /organisation/goals": FOUND });
    renderSignedIn(<HrGoalsPage />, { profile: hr, path: "/hr/goals" });
    const table = await screen.findByRole("table", { name: "Goals by department, 2027-Q2" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getByRole("rowheader").textContent)).toEqual([
      "Sales",
      "Other departments (2)",
    ]);
    expect(rows[0].textContent).toContain("80 %");
    expect(within(rows[0]).getByRole("list", { name: "Progress of the goals in Sales" }).textContent).toContain(
      "75–100 %: 5",
    );
    expect(screen.queryByText(/total/i)).toBeNull();
    expect(calls.map((c) => c.path)).toEqual(["/organisation/goals"]);
  });

  it("says how many departments are left out", async () => {
    fakeApi({ "GET /organisation/goals": { ...FOUND, departments: [], other: null, hidden_departments: 2 } });
    renderSignedIn(<HrGoalsPage />, { profile: hr, path: "/hr/goals" });
    expect(await screen.findByText("No department has enough people with goals to show yet.")).toBeTruthy();
    expect(screen.getByText("2 departments have too few people to show, even together.")).toBeTruthy();
  });
});
