import { describe, expect, it } from "vitest";
import { casesPath } from "./api/get-cases";
import { departmentsIn, filterSearch, STATE_CHOICES, stateChoiceOf } from "./filters";

describe("HR's case filter", () => {
  it("lists the cases not closed unless another state is chosen", () => {
    expect(stateChoiceOf(null)).toBe("active");
    expect(stateChoiceOf("nonsense")).toBe("active");
    expect(stateChoiceOf("closed")).toBe("closed");
    expect(STATE_CHOICES.active).toEqual(["open", "acknowledged", "plan_agreed"]);
  });

  it("keeps the page's address short: defaults left out", () => {
    expect(filterSearch("active", "  ")).toBe("");
    expect(filterSearch("closed", "R&D")).toBe("?state=closed&department=R%26D");
  });

  it("asks the API for the states, the department and the next page", () => {
    expect(casesPath({ states: STATE_CHOICES.active, department: "" }, null)).toBe(
      "/escalations?state=open%2Cacknowledged%2Cplan_agreed",
    );
    expect(casesPath({ states: STATE_CHOICES.all, department: " Sales " }, "abc")).toBe(
      "/escalations?department=Sales&next=abc",
    );
    expect(casesPath({ states: [], department: "" }, null)).toBe("/escalations");
  });

  it("suggests the departments the cases shown name, once each, by name", () => {
    expect(
      departmentsIn([
        { department: "Sales", employee_department: "Sales" },
        { department: null, employee_department: "Engineering" },
        { department: "R&D", employee_department: null },
      ]),
    ).toEqual(["Engineering", "R&D", "Sales"]);
  });
});
