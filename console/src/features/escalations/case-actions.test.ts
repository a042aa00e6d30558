import { describe, expect, it } from "vitest";
import { allowedActions } from "./case-actions";

const owner = { employeeId: "m1", roles: ["employee", "manager"] };
const hr = { employeeId: "h1", roles: ["employee", "hr_admin"] };
const about = (state: "open" | "acknowledged" | "plan_agreed" | "closed") => ({
  state,
  owner: "m1",
  employee_id: "e1",
});

describe("the actions a case allows", () => {
  it("lets the owner acknowledge an open case, agree a plan once acknowledged and review an agreed plan", () => {
    expect(allowedActions(about("open"), owner)).toEqual(["acknowledge"]);
    expect(allowedActions(about("acknowledged"), owner)).toEqual(["plan"]);
    expect(allowedActions(about("plan_agreed"), owner)).toEqual(["review"]);
  });

  it("leaves nothing to do on a closed case", () => {
    expect(allowedActions(about("closed"), owner)).toEqual([]);
    expect(allowedActions(about("closed"), hr)).toEqual([]);
  });

  it("lets HR take the same steps and also close the case outright", () => {
    expect(allowedActions(about("open"), hr)).toEqual(["acknowledge", "close"]);
    expect(allowedActions(about("plan_agreed"), hr)).toEqual(["review", "close"]);
  });

  it("gives a manager higher up who does not own the case nothing to do", () => {
    expect(allowedActions(about("open"), { employeeId: "m0", roles: ["manager"] })).toEqual([]);
  });

  it("gives the employee it concerns nothing to do, even with the HR role", () => {
    const subject = { employeeId: "e1", roles: ["employee", "hr_admin"] };
    expect(allowedActions({ state: "open", owner: "e1", employee_id: "e1" }, subject)).toEqual([]);
  });

  it("lets any HR administrator act on a case that rests with HR as a whole", () => {
    expect(allowedActions({ state: "open", owner: null, employee_id: "e1" }, hr)).toEqual(["acknowledge", "close"]);
    expect(allowedActions({ state: "open", owner: null, employee_id: "e1" }, owner)).toEqual([]);
  });
});
