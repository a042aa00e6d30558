import { describe, expect, it } from "vitest";
import { back, employeesPath, forward, NO_SEARCH, paramsOf, searchFrom, trailOf } from "./search";

describe("the people list's search", () => {
  it("asks GET /employees for the filters given, and only those", () => {
    expect(employeesPath(NO_SEARCH)).toBe("/employees");
    expect(employeesPath({ ...NO_SEARCH, q: " Sø ", job_class: "technical" })).toBe(
      "/employees?q=S%C3%B8&job_class=technical",
    );
    expect(employeesPath({ ...NO_SEARCH, department: "R&D" }, "abc")).toBe("/employees?department=R%26D&next=abc");
  });

  it("reads the search back from the page's address", () => {
    const params = paramsOf({ q: "anna", department: "Sales", manager: "e001", job_class: "" }, "tok");
    expect(params.toString()).toBe("q=anna&department=Sales&manager=e001&page=tok");
    expect(searchFrom(params)).toEqual({ q: "anna", department: "Sales", manager: "e001", job_class: "" });
  });

  it("walks forward and back through the pages, the first page being the empty token", () => {
    let trail = trailOf(null);
    trail = forward(trail, null); // page 1 -> 2
    trail = forward(trail, "t2"); // page 2 -> 3
    expect(trail.previous).toEqual(["", "t2"]);
    const toTwo = back(trail);
    expect(toTwo.page).toBe("t2");
    const toOne = back(toTwo.trail);
    expect(toOne).toEqual({ page: null, trail: { previous: [] } });
  });

  it("ignores a history state it did not write", () => {
    expect(trailOf({ previous: "nope" })).toEqual({ previous: [] });
    expect(trailOf({ previous: ["a", 3] })).toEqual({ previous: ["a"] });
  });
});
