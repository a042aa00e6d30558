import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { i18n } from "../lib/i18n";
import { meOf } from "../test/fixtures";
import { fakeApi, renderSignedIn } from "../test/render";
import { HomePage } from "./home";

const form = {
  cycle_id: "c-2027",
  cycle_name: "Spring 2027",
  deadline: "2027-03-31T21:59:00+00:00",
  time_zone: "Europe/Copenhagen",
  subject_id: "e020",
  subject_name: "Bo Berg",
  relationship: "peer",
  status: "in_progress" as const,
  link: "https://janus.example.org/feedback/tok-123",
};

const nomination = {
  cycle_id: "c-2027",
  cycle_name: "Spring 2027",
  deadline: "2027-03-01T22:59:00+00:00",
  raters: [{ id: "m001", name: "Mads Holm", relationship: "manager", source: "derived" }],
  proposals: [{ id: "e021", name: "Cleo Dahl", status: "proposed" as const }],
  peers: { min: 2, max: 3 },
  candidates: [
    { id: "e022", name: "Dina Eriksen", department: "Engineering" },
    { id: "e023", name: "Emil Falk", department: "Engineering" },
  ],
};

describe("the home page", () => {
  it("reads everything from one GET /me", async () => {
    const { calls } = fakeApi({ "GET /me": meOf() });
    renderSignedIn(<HomePage />);
    await screen.findByText(/You owe no feedback right now/);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /me"]);
  });

  it("says plainly that each section is empty", async () => {
    fakeApi({ "GET /me": meOf() });
    renderSignedIn(<HomePage />);
    expect(await screen.findByText(/You owe no feedback right now/)).toBeTruthy();
    expect(screen.getByText(/You have no released feedback reports yet/)).toBeTruthy();
    expect(screen.getByText(/No feedback round is asking you to propose/)).toBeTruthy();
    expect(screen.getByText("No improvement plan has been agreed with you.")).toBeTruthy();
  });

  it("lists a form owed with its deadline's zone and a plain link to the rater form", async () => {
    fakeApi({ "GET /me": meOf({ forms: [form] }) });
    renderSignedIn(<HomePage />);
    const link = await screen.findByRole("link", { name: "Continue your feedback about Bo Berg" });
    expect(link.getAttribute("href")).toBe("https://janus.example.org/feedback/tok-123");
    const section = screen.getByRole("region", { name: "Feedback you owe" });
    expect(section.textContent).toContain("31 March 2027 at 23:59 Central European Summer Time");
    expect(section.textContent).toContain("Started, not yet submitted");
    expect(section.textContent).toContain("Peer");
  });

  it("shows the same deadline in Danish for a Danish reader", async () => {
    fakeApi({ "GET /me": meOf({ forms: [form] }) });
    await i18n.changeLanguage("da");
    renderSignedIn(<HomePage />);
    const section = await screen.findByRole("region", { name: "Feedback du mangler at give" });
    expect(section.textContent).toContain("31. marts 2027 kl. 23.59");
    expect(section.textContent?.toLowerCase()).toContain("centraleuropæisk sommertid");
  });

  it("links each released report to its report page", async () => {
    fakeApi({
      "GET /me": meOf({
        reports: [
          {
            cycle_id: "c-2026",
            cycle_name: "Autumn 2026",
            released_at: "2026-11-02T09:00:00+00:00",
            path: "/reports/c-2026/e012",
          },
        ],
      }),
    });
    renderSignedIn(<HomePage />);
    const link = await screen.findByRole("link", { name: "Your report from Autumn 2026" });
    expect(link.getAttribute("href")).toBe("/reports/c-2026/e012");
  });

  it("proposes the ticked colleagues and the typed ids, then reads GET /me again", async () => {
    const { calls } = fakeApi({
      "GET /me": meOf({ nominations: [nomination] }),
      "POST /cycles/c-2027/subjects/e012/proposals": () => [200, { raters: [], proposals: [] }],
    });
    const user = userEvent.setup();
    renderSignedIn(<HomePage />);
    const card = await screen.findByRole("article", { name: "Spring 2027" });
    expect(card.textContent).toContain("This round asks for 2 to 3 peers. You have 1 peer");
    expect(within(card).getByText("Waiting for your manager")).toBeTruthy();
    await user.click(within(card).getByLabelText(/Dina Eriksen/));
    await user.type(within(card).getByLabelText("Or type employee ids"), "e099");
    await user.click(within(card).getByRole("button", { name: "Propose these colleagues" }));
    expect(await within(card).findByText("Proposed 2 colleagues. Your manager decides.")).toBeTruthy();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ peers: ["e022", "e099"] });
    expect(calls.filter((c) => c.path === "/me")).toHaveLength(2);
  });

  it("refuses to send more peers than the round takes, before asking the API", async () => {
    const { calls } = fakeApi({ "GET /me": meOf({ nominations: [nomination] }) });
    const user = userEvent.setup();
    renderSignedIn(<HomePage />);
    const card = await screen.findByRole("article", { name: "Spring 2027" });
    await user.click(within(card).getByLabelText(/Dina Eriksen/));
    await user.click(within(card).getByLabelText(/Emil Falk/));
    await user.type(within(card).getByLabelText("Or type employee ids"), "e099");
    await user.click(within(card).getByRole("button", { name: "Propose these colleagues" }));
    expect(within(card).getByRole("alert").textContent).toContain("at most 2 more colleagues");
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);
  });

  it("shows an agreed improvement plan with its review dates and reviews' outcomes", async () => {
    fakeApi({
      "GET /me": meOf({
        plans: [
          {
            case_id: "case-1",
            state: "plan_agreed",
            expectations: "Ship on time",
            support: "Weekly coaching",
            measures: "Dates met",
            review_dates: ["2027-03-05T22:59:00+00:00", "2027-04-04T21:59:00+00:00"],
            agreed_at: "2027-02-03T10:00:00+00:00",
            reviews: [{ at: "2027-03-05T10:00:00+00:00", outcome: "extended" }],
          },
        ],
      }),
    });
    renderSignedIn(<HomePage />);
    const plan = await screen.findByRole("region", { name: "Your improvement plan" });
    expect(plan.textContent).toContain("Ship on time");
    expect(plan.textContent).toContain("Weekly coaching");
    expect(plan.textContent).toContain("Plan extended");
    expect(within(plan).getAllByRole("time").length).toBeGreaterThanOrEqual(3);
  });
});
