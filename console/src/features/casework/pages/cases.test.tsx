import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { caseOf } from "../../../test/fixtures";
import { fakeApi, manager, renderSignedIn } from "../../../test/render";
import { CasesPage } from "./cases";

const hr = { ...manager, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

function listed(id: string, overrides: Record<string, unknown> = {}) {
  const { names: _names, ...found } = caseOf({ id });
  return { ...found, department: "Sales", employee_department: "Sales", ...overrides };
}

function renderPage(path = "/cases") {
  return renderSignedIn(
    <Routes>
      <Route path="/cases" element={<CasesPage />} />
    </Routes>,
    { profile: hr, path },
  );
}

describe("HR's cases", () => {
  it("lists the open cases with whom they concern, the owner by name, the state and a link to each", async () => {
    const { fetcher } = fakeApi({
      "GET /escalations": {
        cases: [
          listed("case-1"),
          listed("case-2", { owner: null, level: 2, state: "acknowledged", department: null, employee_department: "R&D" }),
        ],
        names: { e012: "Anna Nygaard", m001: "Mads Holm" },
        next: null,
      },
    });
    renderPage();
    const results = await screen.findByRole("region", { name: "Open cases (not closed): every department" });
    expect(fetcher.mock.calls.map((c) => String(c[0]))).toEqual(["/escalations?state=open%2Cacknowledged%2Cplan_agreed"]);
    const items = await within(results).findAllByRole("listitem");
    expect(within(items[0]).getByRole("link", { name: "Case about Anna Nygaard" }).getAttribute("href")).toBe("/cases/case-1");
    expect(items[0].textContent).toContain("Mads Holm");
    expect(items[0].textContent).toContain("Waiting for the owner to acknowledge it");
    expect(items[0].textContent).toContain("Not escalated");
    expect(items[1].textContent).toContain("HR");
    expect(items[1].textContent).toContain("Escalated 2 levels up");
    // Opened before cases kept their department: today's, said so.
    expect(items[1].textContent).toContain("R&D (the employee's department today)");
    expect(within(results).getByRole("status").textContent).toBe("2 cases in all.");
  });

  it("filters by state and department through the page's address", async () => {
    const { fetcher } = fakeApi({ "GET /escalations": { cases: [], names: {}, next: null } });
    const user = userEvent.setup();
    renderPage();
    await screen.findByText("No case matches.");
    await user.selectOptions(screen.getByLabelText("Where the cases stand"), "closed");
    await user.type(screen.getByLabelText("Department"), "R&D");
    await user.click(screen.getByRole("button", { name: "Show these cases" }));
    expect(await screen.findByRole("heading", { name: "Closed: R&D" })).toBeTruthy();
    expect(String(fetcher.mock.calls.at(-1)?.[0])).toBe("/escalations?state=closed&department=R%26D");
  });

  it("looks further back a page at a time when a page found few", async () => {
    const { fetcher } = fakeApi({
      "GET /escalations": () =>
        String(fetcher.mock.calls.at(-1)?.[0]).includes("next=")
          ? [200, { cases: [listed("case-9")], names: { e012: "Anna Nygaard" }, next: null }]
          : [200, { cases: [], names: {}, next: "tok" }],
    });
    const user = userEvent.setup();
    renderPage("/cases?state=plan_agreed&department=Sales");
    await screen.findByText("0 cases shown so far. There may be more further back.");
    await user.click(screen.getByRole("button", { name: "Look further back" }));
    expect(await screen.findByRole("link", { name: "Case about Anna Nygaard" })).toBeTruthy();
    expect(fetcher.mock.calls.map((c) => String(c[0]))).toEqual([
      "/escalations?state=plan_agreed&department=Sales",
      "/escalations?state=plan_agreed&department=Sales&next=tok",
    ]);
    expect((screen.getByLabelText("Department") as HTMLInputElement).value).toBe("Sales");
  });
});
