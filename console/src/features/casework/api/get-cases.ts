import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { CaseState, EscalationCase } from "../../escalations/api/types";

/** A case as HR's list gives it: ``department`` as the case kept it when it opened (null for a case opened
 * before cases kept one), ``employee_department`` the employee's today. */
export type ListedCase = Omit<EscalationCase, "names"> & {
  department: string | null;
  employee_department: string | null;
};

/** GET /escalations: a page of cases, the names of their employees and owners, and the next page's token. */
export type CasesPage = { cases: ListedCase[]; names: Record<string, string>; next: string | null };

export type CaseFilter = { states: readonly CaseState[]; department: string };

export function casesPath(filter: CaseFilter, next: string | null): string {
  const query = new URLSearchParams();
  if (filter.states.length > 0) query.set("state", filter.states.join(","));
  if (filter.department.trim()) query.set("department", filter.department.trim());
  if (next) query.set("next", next);
  const text = query.toString();
  return text ? `/escalations?${text}` : "/escalations";
}

export function getCases(filter: CaseFilter, next: string | null): Promise<CasesPage> {
  return api.json<CasesPage>(casesPath(filter, next));
}

export function getCasesQueryOptions(filter: CaseFilter) {
  return infiniteQueryOptions({
    queryKey: ["escalations", "list", [...filter.states], filter.department.trim()],
    queryFn: ({ pageParam }) => getCases(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

/** The cases HR may see that the filter keeps, newest first, a page at a time. */
export function useCases(filter: CaseFilter) {
  return useInfiniteQuery(getCasesQueryOptions(filter));
}
