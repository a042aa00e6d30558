import type { CaseState } from "./api/types";

export type CaseAction = "acknowledge" | "plan" | "review" | "close";

// The owner's next step in each state; HR may also close a case outright in any state but closed.
const NEXT_STEP: Record<CaseState, CaseAction[]> = {
  open: ["acknowledge"],
  acknowledged: ["plan"],
  plan_agreed: ["review"],
  closed: [],
};

/**
 * What the caller may do to a case now: its owner or HR take the state's next step, only HR closes
 * outright, and the employee it concerns does nothing (the API refuses them all alike).
 */
export function allowedActions(
  found: { state: CaseState; owner: string | null; employee_id: string },
  caller: { employeeId: string; roles: readonly string[] },
): CaseAction[] {
  if (caller.employeeId === found.employee_id) return [];
  const isHr = caller.roles.includes("hr_admin");
  if (!isHr && caller.employeeId !== found.owner) return [];
  const steps = NEXT_STEP[found.state] ?? [];
  return isHr && found.state !== "closed" ? [...steps, "close"] : steps;
}
