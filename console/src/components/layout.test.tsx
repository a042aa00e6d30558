import { fireEvent, screen, within } from "@testing-library/react";
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

  it("groups HR's links under names, and folds them behind one button on a phone", async () => {
    fakeApi({ "GET /me": meOf({ roles: ["employee", "manager", "hr_admin"] }) });
    renderSignedIn(<Layout />, { profile: { ...manager, groups: ["employee", "manager", "hr_admin"] } });
    const hr = await screen.findByRole("group", { name: "HR" });
    expect(within(hr).getByRole("link", { name: "People" })).toBeTruthy();
    expect(within(screen.getByRole("group", { name: "Mine" })).getByRole("link", { name: "Home" })).toBeTruthy();
    expect(within(screen.getByRole("group", { name: "Team" })).getByRole("link", { name: "Team" })).toBeTruthy();
    const menu = screen.getByRole("button", { name: "Menu" });
    expect(menu.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(menu);
    expect(menu.getAttribute("aria-expanded")).toBe("true");
    expect(document.getElementById(menu.getAttribute("aria-controls") ?? "")?.className).toContain("open");
  });

  it("names no groups for an employee, whose links are one group", async () => {
    fakeApi({ "GET /me": meOf({ roles: ["employee"] }) });
    renderSignedIn(<Layout />, { profile: employee });
    await screen.findByRole("link", { name: "Home" });
    expect(screen.queryByRole("group", { name: "Mine" })).toBeNull();
  });

  it("marks only the team page's own link as current on a team sub-page", async () => {
    fakeApi({ "GET /me": meOf({ roles: ["employee", "manager"] }) });
    renderSignedIn(<Layout />, { profile: manager, path: "/team/goals" });
    const team = await screen.findByRole("link", { name: "Team" });
    await screen.findByRole("group", { name: "Team" });
    expect(team.getAttribute("aria-current")).toBeNull();
    const current = screen.getAllByRole("link").filter((link) => link.getAttribute("aria-current") === "page");
    expect(current.map((link) => link.getAttribute("href"))).toEqual(["/team/goals"]);
  });
});
