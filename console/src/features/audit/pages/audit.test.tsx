import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { fakeApi, manager, renderSignedIn } from "../../../test/render";
import { AuditPage } from "./audit";

const hr = { ...manager, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

function renderPage(path: string) {
  return renderSignedIn(
    <Routes>
      <Route path="/hr/audit" element={<AuditPage />} />
    </Routes>,
    { profile: hr, path },
  );
}

const read = (reader: string, record: string, ref: string, at: string) => ({ person: "e012", reader, record, ref, at });

describe("HR's audit log", () => {
  it("lists who read a person's records, newest first, with links to the reader and the record", async () => {
    const { fetcher } = fakeApi({
      "GET /organisation/audit": {
        reads: [
          read("e002", "report", "c-1", "2027-04-02T08:14:09+00:00"),
          read("e021", "case", "esc-9", "2027-04-01T10:00:00+00:00"),
          read("e002", "review", "rc-1.e012", "2027-03-30T10:00:00+00:00"),
          read("e002", "development_plan", "e012", "2027-03-29T10:00:00+00:00"),
        ],
        names: { e012: "Anna Nygaard", e002: "Mads Holm", e021: "Camilla Bech" },
        next: null,
      },
    });
    renderPage("/hr/audit?person=e012");
    expect(await screen.findByRole("heading", { name: "Who read Anna Nygaard's records" })).toBeTruthy();
    expect(fetcher.mock.calls.map((c) => String(c[0]))).toEqual(["/organisation/audit?person=e012"]);
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(within(rows[0]).getByRole("link", { name: "Mads Holm" }).getAttribute("href")).toBe("/people/e002");
    expect(within(rows[0]).getByRole("link", { name: "360 report" }).getAttribute("href")).toBe("/reports/c-1/e012");
    expect(within(rows[1]).getByRole("link", { name: "Case" }).getAttribute("href")).toBe("/cases/esc-9");
    expect(within(rows[2]).getByRole("link", { name: "Review" }).getAttribute("href")).toBe("/my-reviews/rc-1.e012");
    expect(within(rows[3]).getByRole("link", { name: "Development plan" }).getAttribute("href")).toBe(
      "/my-development?employee=e012",
    );
    expect(screen.getByRole("status").textContent).toBe("4 reads in all.");
  });

  it("pages back through a reader's reads", async () => {
    const pages = [
      { reads: [read("e002", "report", "c-1", "2027-04-02T08:00:00+00:00")], names: { e002: "Mads Holm", e012: "Anna Nygaard" }, next: "tok" },
      { reads: [read("e002", "case", "esc-1", "2027-03-01T08:00:00+00:00")], names: { e002: "Mads Holm", e012: "Anna Nygaard" }, next: null },
    ];
    const { fetcher } = fakeApi({ "GET /organisation/audit": () => [200, pages.shift()] });
    const user = userEvent.setup();
    renderPage("/hr/audit?reader=e002");
    expect(await screen.findByRole("heading", { name: "What Mads Holm read of other people's records" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("1 read shown so far. There are more further back.");
    await user.click(screen.getByRole("button", { name: "Show older reads" }));
    expect(await screen.findByText("2 reads in all.")).toBeTruthy();
    expect(fetcher.mock.calls.map((c) => String(c[0]))).toEqual([
      "/organisation/audit?reader=e002",
      "/organisation/audit?reader=e002&next=tok",
    ]);
  });

  it("without a person or a reader, says how to get there and asks nothing of the API", async () => {
    const { fetcher } = fakeApi({});
    renderPage("/hr/audit");
    expect(await screen.findByRole("link", { name: "Go to People" })).toBeTruthy();
    expect(fetcher).not.toHaveBeenCalled();
  });
});
