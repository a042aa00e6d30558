import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { teamOf } from "../test/fixtures";
import { employee, fakeApi, manager, renderSignedIn } from "../test/render";
import { TeamPage } from "./team";

describe("the team page", () => {
  it("reads the team in one request and shows each member's rounds, proposals and report", async () => {
    const team = teamOf();
    team.members[0].rounds.push({
      cycle_id: "c-2026",
      cycle_name: "Autumn 2026",
      state: "released",
      deadline: "2026-10-31T22:59:00+00:00",
      raters: [],
      proposals: [],
      report_path: "/reports/c-2026/e012",
    });
    const { calls } = fakeApi({ "GET /me/team": team });
    renderSignedIn(<TeamPage />, { profile: manager });
    const member = await screen.findByRole("article", { name: "Anna Nygaard" });
    expect(member.textContent).toContain("Choosing who gives feedback");
    expect(member.textContent).toContain("Report released");
    expect(member.textContent).toContain("Emil Falk (Approved)");
    expect(within(member).getByRole("button", { name: "Save decisions for Anna Nygaard" })).toBeTruthy();
    expect(
      within(member).getByRole("link", { name: "Read Anna Nygaard's report from Autumn 2026" }).getAttribute("href"),
    ).toBe("/reports/c-2026/e012");
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /me/team"]);
  });

  it("lists the cases the manager must act on, each linking to its page", async () => {
    fakeApi({
      "GET /me/team": teamOf({
        cases: [
          {
            id: "case-1",
            employee_id: "e012",
            employee_name: "Anna Nygaard",
            state: "open",
            due: "2027-02-10T10:00:00+00:00",
            cause: "others_overall",
            level: 1,
          },
        ],
      }),
    });
    renderSignedIn(<TeamPage />, { profile: manager });
    const cases = await screen.findByRole("region", { name: "Cases you must act on" });
    expect(within(cases).getByRole("link", { name: "Case about Anna Nygaard" }).getAttribute("href")).toBe(
      "/cases/case-1",
    );
    expect(cases.textContent).toContain("Escalated 1 level up");
  });

  it("shows not found to someone the API refuses", async () => {
    fakeApi({
      "GET /me/team": () => [403, { error: { code: "forbidden", message: "this needs the role 'manager'" } }],
    });
    renderSignedIn(<TeamPage />, { profile: employee });
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeTruthy();
  });
});
