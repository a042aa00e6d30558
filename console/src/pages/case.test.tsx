import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { caseOf, meOf } from "../test/fixtures";
import { fakeApi, manager, renderSignedIn } from "../test/render";
import { CasePage } from "./case";

function renderCase(profile = manager) {
  return renderSignedIn(
    <Routes>
      <Route path="/cases/:caseId" element={<CasePage />} />
    </Routes>,
    { profile, path: "/cases/case-1" },
  );
}

const managerMe = meOf({ roles: ["employee", "manager"] });

describe("the case page", () => {
  it("shows not found alike for a case that is not there and one the reader may not see", async () => {
    for (const status of [403, 404]) {
      fakeApi({
        "GET /escalations/case-1": () => [status, { error: { code: "x", message: "no" } }],
        "GET /me": managerMe,
      });
      const { unmount } = renderCase();
      expect(await screen.findByRole("heading", { name: "Case not found" })).toBeTruthy();
      unmount();
    }
  });

  it("says whom it concerns, why, where it stands and who must act, by name", async () => {
    fakeApi({ "GET /escalations/case-1": caseOf(), "GET /me": managerMe });
    renderCase();
    expect(await screen.findByRole("heading", { level: 1, name: "Case about Anna Nygaard" })).toBeTruthy();
    const summary = screen.getByRole("region", { name: "Summary of the case" });
    expect(summary.textContent).toContain("A manager marked performance unacceptable");
    expect(summary.textContent).toContain("Missed every deadline this quarter.");
    expect(summary.textContent).toContain("Waiting for the owner to acknowledge it");
    expect(summary.textContent).toContain("Mads Holm (you)");
    const history = screen.getByRole("region", { name: "History" });
    expect(history.textContent).toContain("Mads Holm");
    expect(history.textContent).toContain("Opened: A manager marked performance unacceptable.");
  });

  it("lets the owner acknowledge an open case, and nothing else", async () => {
    const { calls } = fakeApi({
      "GET /escalations/case-1": caseOf(),
      "GET /me": managerMe,
      "POST /escalations/case-1/events": () => [200, caseOf({ state: "acknowledged", names: undefined })],
    });
    const user = userEvent.setup();
    renderCase();
    const actions = await screen.findByRole("region", { name: "What you can do" });
    expect(within(actions).queryByRole("button", { name: "Save the plan" })).toBeNull();
    await user.click(within(actions).getByRole("button", { name: "Acknowledge" }));
    expect(await within(actions).findByText(/You acknowledged the case/)).toBeTruthy();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ type: "acknowledge" });
    // The answer has no names: those already known stay.
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Case about Anna Nygaard");
  });

  it("sends the agreed plan with review dates as the end of each chosen day", async () => {
    const { calls } = fakeApi({
      "GET /escalations/case-1": caseOf({ state: "acknowledged" }),
      "GET /me": managerMe,
      "POST /escalations/case-1/events": () => [200, caseOf({ state: "plan_agreed" })],
    });
    const user = userEvent.setup();
    renderCase();
    await user.type(await screen.findByLabelText(/What is expected/), "Ship on time");
    await user.type(screen.getByLabelText(/What support is given/), "Weekly coaching");
    await user.type(screen.getByLabelText(/How progress is measured/), "Dates met");
    await user.click(screen.getByRole("button", { name: "Add a review date" }));
    await user.type(screen.getByLabelText("Review date 1"), "2099-01-31");
    await user.click(screen.getByRole("button", { name: "Save the plan" }));
    await screen.findByText(/The plan is agreed/);
    const body = calls.find((c) => c.method === "POST")?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "plan",
      expectations: "Ship on time",
      support: "Weekly coaching",
      measures: "Dates met",
    });
    expect(body.review_dates).toEqual([expect.stringMatching(/^2099-01-31T23:59:00[+-]\d\d:\d\d$/)]);
  });

  it("leaves out review dates when none is chosen, so the organisation's schedule applies", async () => {
    const { calls } = fakeApi({
      "GET /escalations/case-1": caseOf({ state: "acknowledged" }),
      "GET /me": managerMe,
      "POST /escalations/case-1/events": () => [200, caseOf({ state: "plan_agreed" })],
    });
    const user = userEvent.setup();
    renderCase();
    await user.type(await screen.findByLabelText(/What is expected/), "a");
    await user.type(screen.getByLabelText(/What support is given/), "b");
    await user.type(screen.getByLabelText(/How progress is measured/), "c");
    await user.click(screen.getByRole("button", { name: "Save the plan" }));
    await screen.findByText(/The plan is agreed/);
    expect(calls.find((c) => c.method === "POST")?.body).not.toHaveProperty("review_dates");
  });

  it("records a review that closes the case with its decision", async () => {
    const { calls } = fakeApi({
      "GET /escalations/case-1": caseOf({
        state: "plan_agreed",
        plan: {
          expectations: "Ship on time",
          support: "Coaching",
          measures: "Dates met",
          review_dates: ["2027-03-05T22:59:00+00:00"],
          agreed_at: "2027-02-04T10:00:00+00:00",
          agreed_by: "m001",
        },
      }),
      "GET /me": managerMe,
      "POST /escalations/case-1/events": () => [200, caseOf({ state: "closed" })],
    });
    const user = userEvent.setup();
    renderCase();
    await user.click(await screen.findByLabelText("Closed without improvement"));
    await user.type(screen.getByLabelText(/Notes from the review/), "No change");
    await user.type(screen.getByLabelText(/Decision/), "Moved to another role");
    await user.click(screen.getByRole("button", { name: "Save the review" }));
    await screen.findByText("The review is saved.");
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      type: "review",
      outcome: "closed",
      notes: "No change",
      decision: "Moved to another role",
    });
  });

  it("shows the API's field details when it refuses a step", async () => {
    fakeApi({
      "GET /escalations/case-1": caseOf({ state: "acknowledged" }),
      "GET /me": managerMe,
      "POST /escalations/case-1/events": () => [
        400,
        {
          error: {
            code: "invalid_input",
            message: "the plan is incomplete",
            details: [{ field: "review_dates[0]", message: "must be in the future" }],
          },
        },
      ],
    });
    const user = userEvent.setup();
    renderCase();
    await user.type(await screen.findByLabelText(/What is expected/), "a");
    await user.type(screen.getByLabelText(/What support is given/), "b");
    await user.type(screen.getByLabelText(/How progress is measured/), "c");
    await user.click(screen.getByRole("button", { name: "Save the plan" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("the plan is incomplete");
    expect(alert.textContent).toContain("Review dates, number 1: must be in the future");
  });

  it("tells a manager higher up who owns the case instead of offering steps", async () => {
    fakeApi({ "GET /escalations/case-1": caseOf({ owner: "m001" }), "GET /me": meOf({ roles: ["manager"] }) });
    renderCase({ ...manager, employeeId: "m000", name: "Top Boss" });
    const actions = await screen.findByRole("region", { name: "What you can do" });
    expect(actions.textContent).toContain("Mads Holm or HR must act on this case");
    expect(within(actions).queryByRole("button")).toBeNull();
  });
});
