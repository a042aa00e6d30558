import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { employee, fakeApi, renderSignedIn } from "../../../test/render";
import { pageOf, subjectOf } from "../test-fixtures";
import { CyclePage } from "./cycle";

const hr = { ...employee, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

function open(path = "/hr/cycles/c-2027") {
  return renderSignedIn(
    <Routes>
      <Route path="/hr/cycles/:cycleId" element={<CyclePage />} />
    </Routes>,
    { profile: hr, path },
  );
}

describe("a cycle's page", () => {
  it("reads one request and shows the progress overall and by department", async () => {
    const { calls } = fakeApi({ "GET /cycles/c-2027/progress": pageOf() });
    open();
    const progress = await screen.findByRole("region", { name: "Progress" });
    expect(progress.textContent).toContain("63% (25 of 40 forms)");
    const departments = within(progress).getAllByRole("listitem");
    expect(departments.map((d) => d.textContent)).toEqual([
      expect.stringContaining("Engineering70% (21 of 30 forms)3 started, 4 not started, 2 declined"),
      expect.stringContaining("Sales40% (4 of 10 forms)"),
    ]);
    expect(screen.getByText(/31 March 2027 at 23:59/).textContent).toMatch(/Central European Summer Time|CEST|GMT\+2/);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /cycles/c-2027/progress"]);
  });

  it("offers only what the state allows, and says what a reminder does before sending it", async () => {
    const { calls } = fakeApi({
      "GET /cycles/c-2027/progress": pageOf(),
      "POST /cycles/c-2027/events": () => [202, pageOf().cycle],
    });
    open();
    const actions = await screen.findByRole("region", { name: "What you can do" });
    expect(within(actions).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Remind now",
      "Extend the deadline",
      "Close now",
      "Cancel the cycle",
    ]);
    await userEvent.click(within(actions).getByRole("button", { name: "Remind now" }));
    expect(actions.textContent).toContain("(12 forms are open)");
    expect(actions.textContent).toContain("have had 3, are left out");
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);
    await userEvent.click(within(actions).getByRole("button", { name: "Yes, send reminders" }));
    await within(actions).findByText("Reminders are on their way.");
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([{ type: "remind" }]);
  });

  it("lists the subjects short of raters before launch and launches anyway only when asked", async () => {
    const short = subjectOf({ id: "e013", name: "Lucas Berg", short: true, shortfalls: [{ relationship: "peer", have: 1, min: 2 }] });
    const page = pageOf({ short: { subjects: [short], total: 1, next: null } }, { state: "nominating", launched_at: null, short_subjects: 1 });
    const { calls } = fakeApi({
      "GET /cycles/c-2027/progress": page,
      "POST /cycles/c-2027/events": () => [202, page.cycle],
    });
    open();
    const shortList = await screen.findByRole("region", { name: "1 person with too few raters" });
    expect(shortList.textContent).toContain("Too few raters: 1 of at least 2 peers");
    expect(screen.queryByRole("region", { name: "Progress" })).toBeNull();
    const actions = screen.getByRole("region", { name: "What you can do" });
    await userEvent.click(within(actions).getByRole("button", { name: "Launch" }));
    expect(actions.textContent).toContain("1 person has too few raters:");
    expect(actions.textContent).toContain("Lucas Berg: 1 of at least 2 peers");
    await userEvent.click(within(actions).getByRole("button", { name: "Launch anyway" }));
    await within(actions).findByText("Launched. The invitations are on their way.");
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([{ type: "launch", force: true }]);
  });

  it("changes a subject's raters before launch with the whole list", async () => {
    const page = pageOf({}, { state: "draft", launched_at: null });
    const raters = {
      subject: { id: "e012", name: "Anna Nygaard" },
      derived: true,
      raters: [
        { id: "e012", name: "Anna Nygaard", relationship: "self" },
        { id: "e011", name: "Daniel Brooks", relationship: "manager" },
        { id: "e014", name: "Grace Howell", relationship: "peer" },
      ],
      proposals: [],
      shortfalls: [],
    };
    const { calls } = fakeApi({
      "GET /cycles/c-2027/progress": page,
      "GET /cycles/c-2027/subjects/e012/raters": raters,
      "PUT /cycles/c-2027/subjects/e012/raters": (body: unknown) => [200, { ...raters, raters: (body as { raters: [] }).raters }],
    });
    open();
    await userEvent.click(await screen.findByText("Change Anna Nygaard's raters"));
    await userEvent.click(await screen.findByRole("button", { name: "Take Grace Howell off" }));
    await userEvent.type(screen.getByLabelText("Employee id"), "e015");
    await userEvent.click(screen.getByRole("button", { name: "Add to the list" }));
    await userEvent.click(screen.getByRole("button", { name: "Save Anna Nygaard's raters" }));
    await screen.findByText("Saved.");
    expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
      raters: [
        { id: "e012", relationship: "self" },
        { id: "e011", relationship: "manager" },
        { id: "e015", relationship: "peer" },
      ],
    });
  });

  it("shows each rater's form after launch: pending, declined with its reason, an address that bounced", async () => {
    fakeApi({
      "GET /cycles/c-2027/progress": pageOf(),
      "GET /cycles/c-2027/subjects/e012/assignments": {
        subject: { id: "e012", name: "Anna Nygaard" },
        assignments: [
          { rater_id: "e011", rater_name: "Daniel Brooks", relationship: "manager", status: "pending", decline_reason: null,
            submitted_at: null, updated_at: null, reminders: 2, undeliverable: true, undeliverable_reason: "bounce: General" },
          { rater_id: "e014", rater_name: "Grace Howell", relationship: "peer", status: "declined", decline_reason: "On leave",
            submitted_at: null, updated_at: null, reminders: 0, undeliverable: false, undeliverable_reason: null },
        ],
      },
    });
    open();
    await userEvent.click(await screen.findByText("Anna Nygaard's raters and their forms"));
    const forms = (await screen.findByText("Daniel Brooks")).closest("ul")!;
    const daniel = within(forms).getByText("Daniel Brooks").closest("li")!;
    expect(daniel.textContent).toContain("Not started");
    expect(daniel.textContent).toContain("reminded 2 times");
    expect(daniel.textContent).toContain("E-mail address not reached (bounce: General)");
    expect(within(forms).getByText("Grace Howell").closest("li")!.textContent).toContain("Reason given: On leave");
  });
});
