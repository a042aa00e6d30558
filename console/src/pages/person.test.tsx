import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { PersonOverview } from "../features/people/api/types";
import { employee, fakeApi, renderSignedIn } from "../test/render";
import { Route, Routes } from "react-router-dom";
import { PersonPage } from "./person";

const hr = { ...employee, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

const OVERVIEW: PersonOverview = {
  employee: {
    id: "e011",
    name: "Mads Holm",
    email: "mads@example.org",
    manager_id: "e002",
    manager_name: "Jonas Dahl",
    department: "Engineering",
    job_class: "management",
    locale: "da",
    role: null,
    time_zone: "Europe/Copenhagen",
    active: true,
  },
  managers: [
    { id: "e002", name: "Jonas Dahl", active: true },
    { id: "e001", name: "Helle Bruun", active: true },
  ],
  reports: {
    employees: [
      {
        id: "e012",
        name: "Anna Nygaard",
        email: "anna@example.org",
        manager_id: "e011",
        manager_name: "Mads Holm",
        department: "Engineering",
        job_class: "technical",
        locale: "da",
        role: null,
        time_zone: null,
        active: true,
      },
    ],
    next: "more",
  },
  rounds: [
    {
      cycle_id: "c1",
      cycle_name: "Spring 2027",
      kind: "360",
      state: "released",
      deadline: "2027-03-31T21:59:00+00:00",
      time_zone: "Europe/Copenhagen",
      raters: 7,
      report_path: "/reports/c1/e011",
    },
    {
      cycle_id: "c2",
      cycle_name: "Autumn 2027",
      kind: "360",
      state: "nominating",
      deadline: "2027-10-31T22:59:00+00:00",
      time_zone: "Europe/Copenhagen",
      raters: 0,
      report_path: null,
    },
  ],
};

function renderPerson(id = "e011") {
  return renderSignedIn(
    <Routes>
      <Route path="/people/:employeeId" element={<PersonPage />} />
    </Routes>,
    { profile: hr, path: `/people/${id}` },
  );
}

describe("a person's page", () => {
  it("shows the person, the managers up to the top, their reports and their rounds from one request", async () => {
    const { calls } = fakeApi({ "GET /employees/e011/overview": OVERVIEW });
    renderPerson();
    expect(await screen.findByRole("heading", { name: "Mads Holm", level: 1 })).toBeTruthy();
    const managers = screen.getByRole("region", { name: "Managers" });
    expect(within(managers).getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Jonas Dahl", "/people/e002"],
      ["Helle Bruun", "/people/e001"],
    ]);
    const reports = screen.getByRole("region", { name: "Direct reports" });
    expect(within(reports).getByRole("link", { name: "Anna Nygaard" }).getAttribute("href")).toBe("/people/e012");
    expect(
      within(reports).getByRole("link", { name: "All of Mads Holm's direct reports" }).getAttribute("href"),
    ).toBe("/people?manager=e011");
    const rounds = screen.getByRole("region", { name: "Feedback rounds" });
    expect(
      within(rounds).getByRole("link", { name: "Read Mads Holm's report from Spring 2027" }).getAttribute("href"),
    ).toBe("/reports/c1/e011");
    expect(rounds.textContent).toContain("Choosing who gives feedback");
    expect(rounds.textContent).toContain("No report yet");
    expect(screen.getByText("Dansk")).toBeTruthy();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /employees/e011/overview"]);
  });

  it("says who is at the top of the organisation", async () => {
    fakeApi({ "GET /employees/e001/overview": { ...OVERVIEW, managers: [], employee: { ...OVERVIEW.employee, name: "Helle Bruun" } } });
    renderPerson("e001");
    expect(await screen.findByText("Helle Bruun has no manager: the top of the organisation.")).toBeTruthy();
  });

  it("shows not found for an id that is not in the organisation", async () => {
    fakeApi({});
    renderPerson("nobody");
    expect(await screen.findByRole("heading", { name: "Person not found" })).toBeTruthy();
  });

  it("exports everything about the person as a JSON file, asked for only when HR presses the button", async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved.push(blob);
      return "blob:export";
    });
    URL.revokeObjectURL = vi.fn();
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const exported = { format: "janus-export/1", employee: { id: "e011" }, goals: [] };
    const { calls } = fakeApi({ "GET /employees/e011/overview": OVERVIEW, "GET /employees/e011/export": exported });
    renderPerson();
    const records = await screen.findByRole("region", { name: "Their records" });
    expect(calls.some((c) => c.path.endsWith("/export"))).toBe(false);
    fireEvent.click(within(records).getByRole("button", { name: "Export everything about Mads Holm" }));
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved[0]);
    });
    expect(JSON.parse(text)).toEqual(exported);
    expect(within(records).getByRole("status").textContent).toContain("saved as a JSON file");
    clicked.mockRestore();
  });

  it("erases someone who has left only after HR types their id, and offers it for no one active", async () => {
    const left = { ...OVERVIEW, employee: { ...OVERVIEW.employee, active: false } };
    const { calls } = fakeApi({
      "GET /employees/e011/overview": left,
      "POST /employees/e011/erasure": { employee_id: "e011", state: "erasing" },
    });
    renderPerson();
    const records = await screen.findByRole("region", { name: "Their records" });
    fireEvent.click(within(records).getByRole("button", { name: "Erase everything about Mads Holm" }));
    const erase = within(records).getByRole("button", { name: "Erase now" }) as HTMLButtonElement;
    expect(erase.disabled).toBe(true);
    fireEvent.change(within(records).getByLabelText("Type their id, e011, to confirm"), { target: { value: "e01" } });
    expect(erase.disabled).toBe(true);
    fireEvent.change(within(records).getByLabelText("Type their id, e011, to confirm"), { target: { value: "e011" } });
    fireEvent.click(erase);
    expect(await within(records).findByRole("status", {}, { timeout: 2000 })).toBeTruthy();
    await waitFor(() => expect(within(records).getByText(/Erasing everything about Mads Holm/)).toBeTruthy());
    expect(calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual(["/employees/e011/erasure"]);
  });

  it("does not offer erasure for someone still active", async () => {
    fakeApi({ "GET /employees/e011/overview": OVERVIEW });
    renderPerson();
    const records = await screen.findByRole("region", { name: "Their records" });
    expect(within(records).queryByRole("button", { name: /Erase/ })).toBeNull();
  });
});
