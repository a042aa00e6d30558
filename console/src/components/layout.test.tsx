import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { employee, fakeApi, manager, renderSignedIn } from "../test/render";
import { meOf } from "../test/fixtures";
import { Layout } from "./layout";

describe("the navigation", () => {
  it("shows an employee no Team link", async () => {
    fakeApi({ "GET /me": meOf({ roles: ["employee"] }) });
    renderSignedIn(<Layout />, { profile: employee });
    expect(await screen.findByRole("link", { name: "Home" })).toBeTruthy();
    await screen.findByText("Signed in as Anna Nygaard");
    expect(screen.queryByRole("link", { name: "Team" })).toBeNull();
  });

  it("shows a manager the Team link from their sign-in groups", async () => {
    fakeApi({ "GET /me": meOf({ roles: ["employee", "manager"] }) });
    renderSignedIn(<Layout />, { profile: manager });
    expect((await screen.findByRole("link", { name: "Team" })).getAttribute("href")).toBe("/team");
  });

  it("shows the Team link to HR once GET /me says so, whatever the token's groups", async () => {
    fakeApi({ "GET /me": meOf({ roles: ["employee", "hr_admin"] }) });
    renderSignedIn(<Layout />, { profile: { ...employee, groups: [] } });
    expect(await screen.findByRole("link", { name: "Team" })).toBeTruthy();
  });

  it("trusts GET /me over a stale token: a former manager sees no Team link", async () => {
    fakeApi({ "GET /me": meOf({ roles: ["employee"] }) });
    renderSignedIn(<Layout />, { profile: manager });
    await screen.findByRole("link", { name: "Home" });
    await expect.poll(() => screen.queryByRole("link", { name: "Team" })).toBeNull();
  });
});
