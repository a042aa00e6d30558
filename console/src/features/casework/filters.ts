import type { CaseState } from "../escalations/api/types";

/** The state choices of HR's list, as the page's address keeps them (?state=): "active" (every case not closed)
 * unless another is chosen. */
export const STATE_CHOICES = {
  active: ["open", "acknowledged", "plan_agreed"],
  open: ["open"],
  acknowledged: ["acknowledged"],
  plan_agreed: ["plan_agreed"],
  closed: ["closed"],
  all: [],
} as const satisfies Record<string, readonly CaseState[]>;

export type StateChoice = keyof typeof STATE_CHOICES;

export function stateChoiceOf(value: string | null): StateChoice {
  return value && value in STATE_CHOICES ? (value as StateChoice) : "active";
}

/** The page's address for a filter: the defaults left out, so the plain /cases is the open cases of everyone. */
export function filterSearch(state: StateChoice, department: string): string {
  const query = new URLSearchParams();
  if (state !== "active") query.set("state", state);
  if (department.trim()) query.set("department", department.trim());
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** The departments the cases shown name (kept or today's), by name: what the department field suggests. */
export function departmentsIn(cases: { department: string | null; employee_department: string | null }[]): string[] {
  const found = new Set(cases.flatMap((c) => [c.department, c.employee_department]).filter((d): d is string => !!d));
  return [...found].sort((a, b) => a.localeCompare(b));
}
