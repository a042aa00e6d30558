import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../../lib/i18n";
import { fakeApi, manager, renderSignedIn } from "../../../test/render";
import { analyticsOf } from "../test-fixtures";
import { CycleReportsPage } from "./cycle-reports";

const hr = { ...manager, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

function renderPage(path = "/reports/c-1") {
  return renderSignedIn(
    <Routes>
      <Route path="/reports/:cycleId" element={<CycleReportsPage />} />
    </Routes>,
    { profile: hr, path },
  );
}

function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

let saved: Blob[] = [];

beforeEach(() => {
  saved = [];
  // jsdom makes no object URLs and follows no download links: keep the file the page made.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push(blob);
    return "blob:csv";
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await i18n.changeLanguage("en");
});

describe("a cycle's reports and analytics", () => {
  it("reads the analytics alone and names the cycle from them", async () => {
    const { calls } = fakeApi({ "GET /cycles/c-1/analytics": analyticsOf() });
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Reports and analytics: Spring 360" })).toBeTruthy();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /cycles/c-1/analytics"]);
    expect(screen.getByRole("link", { name: "Analytics" }).getAttribute("aria-current")).toBe("page");
  });

  it("draws the response rates with their figures written, and says the highest and lowest", async () => {
    fakeApi({ "GET /cycles/c-1/analytics": analyticsOf() });
    renderPage();
    const rates = await screen.findByRole("region", { name: "Response rates" });
    expect(rates.textContent).toContain("72% of the forms were answered (36 of 50).");
    expect(rates.textContent).toContain("Highest: R&D, 78%. Lowest: =Sales, 50%.");
    const departments = within(rates).getByRole("list", { name: "By department" });
    expect(within(departments).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "=Sales50% (5 of 10)",
      "R&D78% (31 of 40)",
    ]);
  });

  it("shows the figures as a table on request", async () => {
    fakeApi({ "GET /cycles/c-1/analytics": analyticsOf() });
    const user = userEvent.setup();
    renderPage();
    const rates = await screen.findByRole("region", { name: "Response rates" });
    const toggle = within(rates).getByRole("button", { name: "Show as a table" });
    await user.click(toggle);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    const row = within(rates).getByRole("rowheader", { name: "R&D" }).closest("tr")!;
    expect(row.textContent).toContain("78% (31 of 40)");
    expect(within(rates).getByRole("rowheader", { name: "All departments" })).toBeTruthy();
  });

  it("writes each heat-map cell's mean, and 'too few raters' under the threshold", async () => {
    fakeApi({ "GET /cycles/c-1/analytics": analyticsOf() });
    renderPage();
    const heat = await screen.findByRole("region", { name: "Competencies by department" });
    const table = within(heat).getByRole("table");
    const rd = within(table).getByRole("rowheader", { name: "R&D" }).closest("tr")!;
    expect([...rd.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["4.1020 raters", "Too few raters"]);
    expect(heat.textContent).toContain("1 cell has too few raters to show");
    expect(within(heat).getByRole("list", { name: "What the shades mean" }).textContent).toContain("4.0 and above");
  });

  it("says in plain words what alpha and ICC mean and how each competency reads", async () => {
    fakeApi({ "GET /cycles/c-1/analytics": analyticsOf() });
    renderPage();
    const quality = await screen.findByRole("region", { name: "How reliable the questionnaire was" });
    expect(quality.textContent).toContain("From 0.7 up they do");
    expect(quality.textContent).toContain("between 0.2 and 0.5");
    expect(quality.textContent).toContain("1 competency is below that: Teamwork.");
    expect(quality.textContent).toContain("0.42 · inconsistent: read the behaviours one by one");
    expect(quality.textContent).toContain("Raters' agreement: 0.31 · usual agreement for 360° feedback.");
  });

  it("exports the heat map as a CSV made in the browser, formula-safe, for Excel", async () => {
    fakeApi({ "GET /cycles/c-1/analytics": analyticsOf() });
    const user = userEvent.setup();
    renderPage();
    const heat = await screen.findByRole("region", { name: "Competencies by department" });
    await user.click(within(heat).getByRole("button", { name: "Download as CSV" }));
    expect(saved).toHaveLength(1);
    const text = await textOf(saved[0]);
    // Read as text, the byte-order mark is taken as such (csv.test.ts checks the bytes).
    expect(text).toBe("Department,Listening,Teamwork\r\n'=Sales,3.84,\r\nR&D,4.1,Too few raters\r\n");
    expect(within(heat).getByRole("status").textContent).toBe("Saved spring-360-heat-map.csv to your downloads.");
  });

  it("writes figures the Danish way in Danish", async () => {
    await i18n.changeLanguage("da");
    const { calls } = fakeApi({ "GET /cycles/c-1/analytics": analyticsOf() });
    renderPage();
    const heat = await screen.findByRole("region", { name: "Kompetencer efter afdeling" });
    expect(heat.textContent).toContain("3,84");
    expect(calls[0].path).toBe("/cycles/c-1/analytics");
  });

  it("says when the analytics are not made yet", async () => {
    fakeApi({ "GET /cycles/c-1/analytics": () => [404, { error: { code: "not_found", message: "not yet" } }] });
    renderPage();
    expect(await screen.findByRole("heading", { name: "No analytics yet" })).toBeTruthy();
  });
});

describe("every report of a cycle", () => {
  it("lists the subjects a page at a time, each built report a link to its page", async () => {
    const { fetcher } = fakeApi({
      "GET /cycles/c-1/subjects": () => {
        const asked = String(fetcher.mock.calls.at(-1)?.[0]);
        return asked.includes("next=")
          ? [200, { subjects: [{ id: "e3", name: "Ole Lund", department: "R&D", manager_id: null, report: true }], next: null }]
          : [
              200,
              {
                subjects: [
                  { id: "e1", name: "Mette Kjær", department: "Sales", manager_id: "e0", report: true },
                  { id: "e2", name: "Bo Berg", department: "Sales", manager_id: "e0", report: false },
                ],
                next: "1:e2",
              },
            ];
      },
    });
    const user = userEvent.setup();
    renderPage("/reports/c-1?view=reports");
    const list = await screen.findByRole("region", { name: "Every report" });
    expect(within(list).getByRole("link", { name: "Mette Kjær's report" }).getAttribute("href")).toBe("/reports/c-1/e1");
    expect(within(list).queryByRole("link", { name: /Bo Berg/ })).toBeNull();
    expect(list.textContent).toContain("report not built");
    expect(within(list).getByRole("status").textContent).toBe("2 people shown; there are more.");
    await user.click(within(list).getByRole("button", { name: "Show more people" }));
    expect(await within(list).findByRole("link", { name: "Ole Lund's report" })).toBeTruthy();
    expect(within(list).getByRole("status").textContent).toBe("3 people in all.");
    expect(fetcher.mock.calls.map((call) => String(call[0]))).toEqual([
      "/cycles/c-1/subjects",
      "/cycles/c-1/subjects?next=1%3Ae2",
    ]);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Reports and analytics");
  });
});
