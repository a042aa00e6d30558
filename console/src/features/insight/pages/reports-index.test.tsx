import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, manager, renderSignedIn } from "../../../test/render";
import { ReportsIndexPage } from "./reports-index";

const hr = { ...manager, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

function cycle(id: string, name: string, state: string) {
  return { id, name, kind: "360", state, deadline: "2027-03-31T21:59:59+00:00", closed_at: null, released_at: null, subjects: 9 };
}

describe("the reports index", () => {
  it("lists the cycles with reports from GET /cycles, each a link to its analytics", async () => {
    const { calls } = fakeApi({
      "GET /cycles": {
        cycles: [cycle("c-3", "Autumn 360", "open"), cycle("c-2", "Spring 360", "released"), cycle("c-1", "Pilot", "closed")],
      },
    });
    renderSignedIn(<ReportsIndexPage />, { profile: hr });
    const link = await screen.findByRole("link", { name: "Spring 360" });
    expect(link.getAttribute("href")).toBe("/reports/c-2");
    expect(screen.queryByText("Autumn 360")).toBeNull(); // still collecting feedback
    expect(screen.getByText("Pilot")).toBeTruthy(); // closed: its reports are being made
    expect(screen.queryByRole("link", { name: "Pilot" })).toBeNull();
    expect(calls.map((c) => c.path)).toEqual(["/cycles"]);
  });
});
