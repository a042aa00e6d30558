import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { caseOf } from "../../../test/fixtures";
import { fakeApi, manager, renderSignedIn } from "../../../test/render";
import { FlagUnacceptable } from "./flag-unacceptable";

describe("marking performance unacceptable", () => {
  it("needs a note and a confirmation before it sends, then links to the new case", async () => {
    const { calls } = fakeApi({ "POST /employees/e012/unacceptable": () => [201, caseOf({ id: "case-9" })] });
    const user = userEvent.setup();
    renderSignedIn(<FlagUnacceptable memberId="e012" memberName="Anna Nygaard" />, { profile: manager });

    await user.click(screen.getByText("Mark Anna Nygaard's performance unacceptable"));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.queryByRole("button", { name: "Yes, open the case" })).toBeNull(); // no note yet

    await user.type(
      screen.getByLabelText(/Why is Anna Nygaard's performance unacceptable/),
      "  Missed every deadline  ",
    );
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(calls).toEqual([]); // confirming comes first
    await user.click(screen.getByRole("button", { name: "Yes, open the case" }));

    const link = await screen.findByRole("link", { name: "Go to the case" });
    expect(link.getAttribute("href")).toBe("/cases/case-9");
    expect(calls).toEqual([
      { method: "POST", path: "/employees/e012/unacceptable", body: { note: "Missed every deadline" } },
    ]);
  });

  it("goes back to the note without sending", async () => {
    const { calls } = fakeApi({});
    const user = userEvent.setup();
    renderSignedIn(<FlagUnacceptable memberId="e012" memberName="Anna Nygaard" />, { profile: manager });
    await user.click(screen.getByText("Mark Anna Nygaard's performance unacceptable"));
    await user.type(screen.getByLabelText(/Why is/), "note");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "No, go back" }));
    expect(screen.getByRole("button", { name: "Continue" })).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it("links to the case already open for this cause when the API says so", async () => {
    fakeApi({
      "POST /employees/e012/unacceptable": () => [
        409,
        {
          error: {
            code: "conflict",
            message: "a case for this cause is already open for this employee",
            details: [{ field: "case", message: "case-3" }],
          },
        },
      ],
    });
    const user = userEvent.setup();
    renderSignedIn(<FlagUnacceptable memberId="e012" memberName="Anna Nygaard" />, { profile: manager });
    await user.click(screen.getByText("Mark Anna Nygaard's performance unacceptable"));
    await user.type(screen.getByLabelText(/Why is/), "note");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "Yes, open the case" }));
    expect((await screen.findByRole("link", { name: "Go to the open case" })).getAttribute("href")).toBe(
      "/cases/case-3",
    );
  });
});
