import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { EMPLOYEES_KEY } from "./get-employees";
import type { PersonOverview } from "./types";

/** GET /employees/{id}/overview: a person's page for HR. */
export function getPersonQueryOptions(employeeId: string) {
  return queryOptions({
    queryKey: [...EMPLOYEES_KEY, "overview", employeeId],
    queryFn: () => api.json<PersonOverview>(`/employees/${encodeURIComponent(employeeId)}/overview`),
  });
}

export function usePerson(employeeId: string) {
  return useQuery(getPersonQueryOptions(employeeId));
}
