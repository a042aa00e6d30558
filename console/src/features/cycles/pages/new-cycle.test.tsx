import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { employee, fakeApi, renderSignedIn } from "../../../test/render";
import { cycleOf } from "../test-fixtures";
import { NewCyclePage } from "./new-cycle";

const hr = { ...employee, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };
const LIBRARY = {
  locale: "en",
  groups: [{ id: "working_with_others", name: "Working with others", description: "" }],
  competencies: [
    { id: "listening", group: "working_with_others", name: "Listening", definition: "Hears people out." },
    { id: "teamwork", group: "working_with_others", name: "Teamwork", definition: "Works with others." },
    { id: "communication", group: "working_with_others", name: "Communication", definition: "Says things clearly." },
  ],
};

function open() {
  return renderSignedIn(
    <Routes>
      <Route path="/hr/cycles/new" element={<NewCyclePage />} />
      <Route path="/hr/cycles/:cycleId" element={<p>The new cycle's page</p>} />
    </Routes>,
    { profile: hr, path: "/hr/cycles/new" },
  );
}

describe("creating a cycle", () => {
  it("takes a job class's profile in one click, sends the form and opens the new cycle", async () => {
    const { calls } = fakeApi({
      "GET /competencies": LIBRARY,
      "GET /job-classes": { locale: "en", job_classes: [{ id: "technical", name: "Technical", description: "", profile: ["listening", "teamwork"] }] },
      "POST /cycles": () => [201, cycleOf({ id: "c-new", state: "draft" })],
    });
    open();
    await userEvent.type(await screen.findByLabelText(/Name of the cycle/), "Spring 360");
    await userEvent.click(screen.getByLabelText("The same competencies for everyone"));
    expect(calls.map((c) => c.path)).toEqual(["/competencies"]); // the job classes wait for a click
    await userEvent.click(await screen.findByRole("button", { name: "Use the Technical profile" }));
    await screen.findByText("2 of at most 10 competencies chosen");
    expect((screen.getByLabelText(/Listening/) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByLabelText(/Communication/));
    await userEvent.click(screen.getByLabelText("A list of people"));
    await userEvent.type(screen.getByLabelText("Employee ids"), "e012, e013");
    await userEvent.type(screen.getByLabelText(/^Deadline/), "2027-03-31");
    await userEvent.click(screen.getByRole("button", { name: "Create the cycle" }));
    await screen.findByText("The new cycle's page");
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      name: "Spring 360",
      kind: "360",
      deadline: "2027-03-31",
      competencies: ["listening", "teamwork", "communication"],
      subjects: ["e012", "e013"],
      anonymity_threshold: 3,
      workload_cap: 8,
      reminders: { days_before: [7, 3, 1], max: 3 },
    });
  });

  it("shows the API's problems by field and stays on the form", async () => {
    fakeApi({
      "POST /cycles": () => [
        400,
        { error: { code: "invalid_input", message: "1 problem(s) in the cycle; nothing was created",
                   details: [{ field: "workload_cap", message: "must be a whole number from 1 to 50" }] } },
      ],
    });
    open();
    await userEvent.type(await screen.findByLabelText(/Name of the cycle/), "Spring 360");
    await userEvent.type(screen.getByLabelText(/^Deadline/), "2027-03-31");
    await userEvent.clear(screen.getByLabelText("Most forms for one rater"));
    await userEvent.type(screen.getByLabelText("Most forms for one rater"), "80");
    await userEvent.click(screen.getByRole("button", { name: "Create the cycle" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Most forms for one rater: must be a whole number from 1 to 50");
  });
});
