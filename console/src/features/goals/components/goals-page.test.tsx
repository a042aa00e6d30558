import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, renderSignedIn } from "../../../test/render";
import type { Goal } from "../api/types";
import { GoalsPage } from "./goals-page";

const GOAL: Goal = {
  id: "g-1",
  owner: "e012",
  title: "Answer customers within one working day",
  measure: "Share of tickets answered within a day",
  target: null,
  due: "2027-06-30",
  key_results: [
    { id: "k1", title: "Share answered within a day", start: 60, target: 100, current: 80, unit: "%", progress: 0.5 },
  ],
  status: "on_track",
  visibility: "organisation",
  parent_id: null,
  progress: 0.5,
  version: 4,
};

describe("the goals page", () => {
  it("shows each goal with its progress and records a key result's new value", async () => {
    const { calls } = fakeApi({
      "GET /goals": { goals: [GOAL] },
      "POST /goals/g-1/progress": { ...GOAL, version: 5 },
    });
    renderSignedIn(<GoalsPage />, { path: "/my-goals" });
    const card = await screen.findByRole("article", { name: GOAL.title });
    expect(within(card).getByRole("progressbar", { name: `Progress of ${GOAL.title}` }).getAttribute("value")).toBe(
      "50",
    );
    expect(card.textContent).toContain("80 % now, from 60 towards 100.");
    const value = within(card).getByLabelText("New value for Share answered within a day");
    fireEvent.change(value, { target: { value: "90" } });
    fireEvent.click(within(card).getByRole("button", { name: "Record" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")).toEqual({
      method: "POST",
      path: "/goals/g-1/progress",
      body: { key_result_id: "k1", value: 90 },
    });
  });

  it("adjusts a goal with a reason and the version it read", async () => {
    const { calls } = fakeApi({
      "GET /goals": { goals: [GOAL] },
      "PATCH /goals/g-1": { ...GOAL, status: "at_risk", version: 5, findings: [] },
    });
    renderSignedIn(<GoalsPage />);
    const card = await screen.findByRole("article", { name: GOAL.title });
    fireEvent.click(within(card).getByText("Adjust this goal"));
    fireEvent.change(within(card).getByLabelText("Status"), { target: { value: "at_risk" } });
    fireEvent.change(within(card).getByLabelText(/Why does it change/), { target: { value: "Two people left" } });
    fireEvent.click(within(card).getByRole("button", { name: "Save the change" }));
    expect(await within(card).findByRole("status")).toBeTruthy();
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({
      due: "2027-06-30",
      status: "at_risk",
      reason: "Two people left",
      version: 4,
    });
  });

  it("shows the findings beside the field as the person types, and saves the goal anyway", async () => {
    const finding = {
      code: "several_outcomes",
      message: "One goal, one outcome: the title joins several with 'and'.",
      field: "title",
    };
    const { calls } = fakeApi({
      "GET /goals": { goals: [] },
      "POST /goals/findings": { findings: [finding] },
      "POST /goals": () => [201, { ...GOAL, title: "Cut costs and grow sales", findings: [finding] }],
    });
    renderSignedIn(<GoalsPage />);
    expect(await screen.findByText("You have no goals yet. Set your first one below.")).toBeTruthy();
    const title = screen.getByLabelText("What do you want to achieve?");
    fireEvent.change(title, { target: { value: "Cut costs and grow sales" } });
    expect(await screen.findByText(finding.message, {}, { timeout: 2000 })).toBeTruthy();
    await waitFor(() => expect(title.getAttribute("aria-describedby")).toContain("title-findings"));
    fireEvent.click(screen.getByRole("button", { name: "Set the goal" }));
    expect(await screen.findByText("The goal “Cut costs and grow sales” is set.")).toBeTruthy();
    const posted = calls.filter((c) => c.method === "POST" && c.path === "/goals");
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toEqual({ title: "Cut costs and grow sales", visibility: "organisation" });
  });

  it("sets a goal under a company goal or the manager's, and shows what each goal supports", async () => {
    const company = { ...GOAL, id: "g-0", owner: "m001", title: "Keep every customer", key_results: [] };
    const mine = { ...GOAL, parent_id: "g-0" };
    const { calls } = fakeApi({
      "GET /goals": { goals: [company, mine], parents: { "g-0": { title: "Keep every customer", owner: "m001" } } },
      "GET /me": { employee: { id: "e012", manager_id: "m001", manager_name: "Mads Holm" } },
      "POST /goals": () => [201, { ...GOAL, id: "g-9", parent_id: "g-0", findings: [] }],
    });
    renderSignedIn(<GoalsPage />);
    const card = await screen.findByRole("article", { name: GOAL.title });
    expect(within(card).getByRole("link", { name: "Keep every customer" }).getAttribute("href")).toBe("/my-goals/g-0");
    const choice = screen.getByLabelText("What does it support? (optional)");
    await waitFor(() => expect(within(choice).getByRole("option", { name: "Keep every customer" })).toBeTruthy());
    fireEvent.change(choice, { target: { value: "g-0" } });
    fireEvent.change(screen.getByLabelText("What do you want to achieve?"), { target: { value: "Answer fast" } });
    fireEvent.click(screen.getByRole("button", { name: "Set the goal" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST" && c.path === "/goals")).toBe(true));
    expect(calls.find((c) => c.method === "POST" && c.path === "/goals")?.body).toEqual({
      title: "Answer fast",
      visibility: "organisation",
      parent_id: "g-0",
    });
  });
});
