import { describe, expect, it } from "vitest";
import { areaRoutes, navFor, type NavEntry } from "./areas";

describe("the console's areas", () => {
  it("registers every area's pages", () => {
    const paths = areaRoutes.map((route) => route.path);
    expect(paths).toContain("/team");
    expect(paths).toContain("/cases/:caseId");
  });

  it("shows a reader only the links their roles open, in order", () => {
    const entries: NavEntry[] = [
      { to: "/hr", label: "hr", roles: ["hr_admin"], order: 30 },
      { to: "/team", label: "team", roles: ["manager", "hr_admin"], order: 20 },
    ];
    expect(navFor(["employee"], entries)).toEqual([]);
    expect(navFor(["employee", "manager"], entries).map((e) => e.to)).toEqual(["/team"]);
    expect(navFor(["hr_admin"], entries).map((e) => e.to)).toEqual(["/team", "/hr"]);
    expect(navFor(["manager"]).map((e) => e.to)).toContain("/team");
  });
});
