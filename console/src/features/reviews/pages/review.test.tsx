import { fireEvent, screen, waitFor } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { fakeApi, renderSignedIn } from "../../../test/render";
import type { Review } from "../api";
import { ReviewPage } from "./review";

const REVIEW: Review = {
  id: "rc-1.e012",
  cycle_id: "rc-1",
  kind: "appraisal",
  employee_id: "e012",
  employee_name: "Anna Nygaard",
  competencies: ["listening"],
  rating_scale: ["Unacceptable", "Below", "Meets", "Exceeds", "Outstanding"],
  deadline: "2027-03-31T22:59:59+00:00",
  time_zone: "Europe/Copenhagen",
  version: 3,
  self: { status: "draft", summary: "" },
  manager: { status: "submitted" },
  acknowledged: null,
  cycle: { id: "rc-1", name: "Year end", state: "open" },
  goals: [{ id: "g-1", title: "Answer within a day", status: "on_track", progress: 0.5, due: "2027-06-30" }],
  competency_details: [{ id: "listening", name: "Listening", definition: "Hears people out." }],
  model_evaluations: { job_class_name: "Technical", top: "Always.", good: "Mostly.", poor: "Rarely." },
  report_summary: null,
  check_in_actions: [],
  history: [],
  you: {
    employee: true,
    manager: false,
    hr: false,
    may_write_self: true,
    may_write_manager: false,
    may_acknowledge: false,
    may_calibrate: false,
  },
};

function renderReview() {
  return renderSignedIn(
    <Routes>
      <Route path="/my-reviews/:reviewId" element={<ReviewPage />} />
    </Routes>,
    { path: "/my-reviews/rc-1.e012" },
  );
}

describe("the review page", () => {
  it("autosaves the self part with the version read, and hides the manager's part until release", async () => {
    const { calls } = fakeApi({
      "GET /reviews/rc-1.e012": REVIEW,
      "PUT /reviews/rc-1.e012/self": { ...REVIEW, version: 4 },
    });
    renderReview();
    fireEvent.change(await screen.findByLabelText("Summary of the period"), { target: { value: "A good year" } });
    await waitFor(() => expect(calls.some((c) => c.method === "PUT")).toBe(true), { timeout: 3000 });
    expect(calls.find((c) => c.method === "PUT")?.body).toMatchObject({ summary: "A good year", version: 3 });
    expect(screen.getByText("You see your manager's part once HR releases the reviews.")).toBeTruthy();
    expect(screen.getByText(/Answer within a day/)).toBeTruthy();
  });

  it("shows the released manager's part and acknowledges it", async () => {
    const released: Review = {
      ...REVIEW,
      self: { status: "submitted", summary: "Mine" },
      manager: { status: "submitted", summary: "Solid work", overall_rating: 4 },
      overall_rating: 4,
      cycle: { ...REVIEW.cycle, state: "released" },
      you: { ...REVIEW.you, may_write_self: false, may_acknowledge: true },
    };
    const { calls } = fakeApi({
      "GET /reviews/rc-1.e012": released,
      "POST /reviews/rc-1.e012/acknowledge": { ...released, acknowledged: { at: "2027-04-02T10:00:00Z", comment: "" } },
    });
    renderReview();
    expect(await screen.findByText("Solid work")).toBeTruthy();
    expect(screen.getByText(/4 – Exceeds/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Acknowledge" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
  });
});
