import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Employee, EmployeesPage, ImportResult } from "../features/people/api/types";
import { i18n } from "../lib/i18n";
import { employee, renderSignedIn } from "../test/render";
import { PeoplePage } from "./people";

const hr = { ...employee, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

function personOf(id: string, name: string, extra: Partial<Employee> = {}): Employee {
  return {
    id,
    name,
    email: `${id}@example.org`,
    manager_id: "e001",
    manager_name: "Helle Bruun",
    department: "Engineering",
    job_class: "technical",
    locale: "en",
    role: null,
    time_zone: null,
    active: true,
    ...extra,
  };
}

type Sent = { method: string; url: string; body: string | undefined; type: string | undefined };

/** The API as the page sees it: GET /employees by its query string, PUT /employees by its dry run. */
function api(answer: (sent: Sent) => [number, unknown]) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const headers = (init.headers ?? {}) as Record<string, string>;
      const call = { method: init.method ?? "GET", url, body: init.body as string | undefined, type: headers["Content-Type"] };
      sent.push(call);
      const [status, json] = answer(call);
      return new Response(JSON.stringify(json), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return sent;
}

const FIRST: EmployeesPage = {
  employees: [personOf("e012", "Anna Nygaard"), personOf("e009", "Grace Howell", { active: false })],
  next: "tok-2",
};
const SECOND: EmployeesPage = { employees: [personOf("e030", "Zoe Zulu")], next: null };

function listing(sent: Sent): [number, unknown] {
  if (sent.url.includes("next=tok-2")) return [200, SECOND];
  if (sent.url.includes("q=")) return [200, { employees: [personOf("e077", "Søren Holm")], next: null }];
  return [200, FIRST];
}

const DRY: ImportResult = {
  created: 1,
  updated: 1,
  unchanged: 2,
  stale: 0,
  rows: [
    { row: 1, id: "e001", status: "unchanged" },
    { row: 2, id: "e012", status: "updated" },
    { row: 3, id: "e002", status: "unchanged" },
    { row: 4, id: "e077", status: "created" },
  ],
  dry_run: true,
};

describe("the people page", () => {
  it("reads the first page of the list in one request and links each person to their page", async () => {
    const sent = api(listing);
    renderSignedIn(<PeoplePage />, { profile: hr, path: "/people" });
    const anna = await screen.findByRole("link", { name: "Anna Nygaard" });
    expect(anna.getAttribute("href")).toBe("/people/e012");
    expect(screen.getByText(/e012 · Engineering · Technical · Manager: Helle Bruun/)).toBeTruthy();
    expect(screen.getByText("Left")).toBeTruthy();
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual(["GET /employees"]);
  });

  it("pages forward with the token and back again", async () => {
    const sent = api(listing);
    const user = userEvent.setup();
    renderSignedIn(<PeoplePage />, { profile: hr, path: "/people" });
    await user.click(await screen.findByRole("button", { name: "Next page" }));
    expect(await screen.findByRole("link", { name: "Zoe Zulu" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Next page" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Previous page" }));
    expect(await screen.findByRole("link", { name: "Anna Nygaard" })).toBeTruthy();
    expect(sent.map((s) => s.url).slice(0, 2)).toEqual(["/employees", "/employees?next=tok-2"]);
  });

  it("searches by name, department, manager and job class together", async () => {
    const sent = api(listing);
    const user = userEvent.setup();
    renderSignedIn(<PeoplePage />, { profile: hr, path: "/people" });
    const form = await screen.findByRole("search", { name: "Search people" });
    await user.type(within(form).getByLabelText("Name starts with"), "Sø");
    await user.type(within(form).getByLabelText("Department"), "R&D");
    await user.type(within(form).getByLabelText("Manager's employee id"), "e001");
    await user.selectOptions(within(form).getByLabelText("Job class"), "technical");
    await user.click(within(form).getByRole("button", { name: "Search" }));
    expect(await screen.findByRole("link", { name: "Søren Holm" })).toBeTruthy();
    expect(sent[sent.length - 1].url).toBe("/employees?q=S%C3%B8&department=R%26D&manager=e001&job_class=technical");
  });

  it("checks a file first, shows every problem with its row and field, and applies the corrected file", async () => {
    const bad = "id,name,email,manager_id,department,job_class,locale\ne077,Søren Holm,nope,e001,R&D,technical,en\n";
    const good = bad.replace("nope", "soren@example.org");
    const sent = api((s) => {
      if (s.method !== "PUT") return listing(s);
      if (s.body === bad) {
        return [
          400,
          {
            error: {
              code: "invalid_input",
              message: "1 problem(s) in the employees; nothing was imported",
              details: [{ row: 1, field: "email", message: "'nope' is not an e-mail address" }],
            },
          },
        ];
      }
      return [200, s.url.includes("dry_run=true") ? DRY : { ...DRY, dry_run: false }];
    });
    const user = userEvent.setup();
    renderSignedIn(<PeoplePage />, { profile: hr, path: "/people" });
    const input = await screen.findByLabelText("Choose a CSV or JSON file");

    await user.upload(input, new File([bad], "people.csv", { type: "text/csv" }));
    const problems = await screen.findByRole("table", { name: "people.csv has 1 problem: nothing was imported" });
    const cells = within(problems).getAllByRole("cell").map((c) => c.textContent);
    expect(cells).toEqual(["1", "E-mail", "'nope' is not an e-mail address"]);
    expect(screen.queryByRole("button", { name: /Apply/ })).toBeNull();

    await user.upload(input, new File([good], "people.csv", { type: "text/csv" }));
    expect(await screen.findByRole("heading", { name: "What importing people.csv would do" })).toBeTruthy();
    expect(screen.queryByRole("table", { name: /problem/ })).toBeNull();
    const counts = screen.getByText("New people").closest("dl") as HTMLElement;
    expect(counts.textContent).toContain("New people1");
    expect(counts.textContent).toContain("Changed1");
    expect(counts.textContent).toContain("Unchanged2");

    await user.click(screen.getByRole("button", { name: "Apply: import people.csv" }));
    expect(
      await screen.findByText("Imported people.csv: 1 new, 1 changed, 2 unchanged, 0 older than what Janus has."),
    ).toBeTruthy();
    const puts = sent.filter((s) => s.method === "PUT");
    expect(puts.map((s) => [s.url, s.type, s.body === good || s.body === bad])).toEqual([
      ["/employees?dry_run=true", "text/csv; charset=utf-8", true],
      ["/employees?dry_run=true", "text/csv; charset=utf-8", true],
      ["/employees", "text/csv; charset=utf-8", true],
    ]);
    expect(puts[2].body).toBe(good);
    await waitFor(() => expect(sent.filter((s) => s.method === "GET").length).toBe(2)); // the list, read again
  });

  it("refuses a file that is neither CSV nor JSON without sending it", async () => {
    const sent = api(listing);
    const user = userEvent.setup({ applyAccept: false });
    renderSignedIn(<PeoplePage />, { profile: hr, path: "/people" });
    await user.upload(await screen.findByLabelText("Choose a CSV or JSON file"), new File(["x"], "people.xlsx"));
    expect((await screen.findByRole("alert")).textContent).toBe("Choose a .csv or .json file.");
    expect(sent.filter((s) => s.method === "PUT")).toEqual([]);
  });

  it("speaks Danish", async () => {
    api(listing);
    await i18n.changeLanguage("da");
    renderSignedIn(<PeoplePage />, { profile: hr, path: "/people" });
    expect(await screen.findByRole("heading", { name: "Medarbejdere", level: 1 })).toBeTruthy();
    expect((await screen.findAllByText(/Leder: Helle Bruun/)).length).toBe(2);
    expect(screen.getByRole("button", { name: "Næste side" })).toBeTruthy();
  });
});
