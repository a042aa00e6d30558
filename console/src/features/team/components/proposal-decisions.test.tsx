import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, manager, renderSignedIn } from "../../../test/render";
import { teamOf } from "../../../test/fixtures";
import { decisionBody } from "../../rounds/decisions";
import { ProposalDecisions } from "./proposal-decisions";

const round = teamOf().members[0].rounds[0];

describe("deciding on proposed peers", () => {
  it("sends one decision per subject: the approved, the rejected, and nothing about those left for later", async () => {
    const { calls } = fakeApi({
      "POST /cycles/c-2027/subjects/e012/proposals/decision": () => [200, { raters: [], proposals: [] }],
    });
    const user = userEvent.setup();
    renderSignedIn(<ProposalDecisions memberId="e012" memberName="Anna Nygaard" round={round} />, { profile: manager });

    const save = screen.getByRole("button", { name: "Save decisions for Anna Nygaard" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true); // nothing decided yet
    await user.click(within(screen.getByRole("group", { name: "Bo Berg" })).getByLabelText("Approve"));
    await user.click(within(screen.getByRole("group", { name: "Cleo Dahl" })).getByLabelText("Reject"));
    await user.click(save);

    expect(await screen.findByText("Saved: 1 approved, 1 rejected.")).toBeTruthy();
    expect(calls).toEqual([
      {
        method: "POST",
        path: "/cycles/c-2027/subjects/e012/proposals/decision",
        body: { approve: ["e020"], reject: ["e021"] },
      },
    ]);
  });

  it("lists only the pending proposals to decide", () => {
    fakeApi({});
    renderSignedIn(<ProposalDecisions memberId="e012" memberName="Anna Nygaard" round={round} />, { profile: manager });
    expect(screen.getAllByRole("group").map((g) => g.querySelector("legend")?.textContent)).toEqual([
      "Bo Berg",
      "Cleo Dahl",
      "Dina Eriksen",
    ]);
  });

  it("shows the API's refusal with its details", async () => {
    fakeApi({
      "POST /cycles/c-2027/subjects/e012/proposals/decision": () => [
        400,
        {
          error: {
            code: "invalid_input",
            message: "at most 5 peers",
            details: [{ field: "approve", message: "approving these gives more than 5 peers" }],
          },
        },
      ],
    });
    const user = userEvent.setup();
    renderSignedIn(<ProposalDecisions memberId="e012" memberName="Anna Nygaard" round={round} />, { profile: manager });
    await user.click(within(screen.getByRole("group", { name: "Bo Berg" })).getByLabelText("Approve"));
    await user.click(screen.getByRole("button", { name: "Save decisions for Anna Nygaard" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("at most 5 peers");
    expect(alert.textContent).toContain("approving these gives more than 5 peers");
  });
});

describe("the decision body", () => {
  it("keeps approvals and rejections apart and leaves out what waits", () => {
    expect(decisionBody({ a: "approve", b: "later", c: "reject", d: "approve" })).toEqual({
      approve: ["a", "d"],
      reject: ["c"],
    });
  });
});
