import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { employeesPath, type PeopleSearch } from "../search";
import type { EmployeesPage } from "./types";

export const EMPLOYEES_KEY = ["employees"] as const;

/** GET /employees: a page of people, sorted by name, for the search, from the token `page` (the first without). */
export function getEmployeesQueryOptions(search: PeopleSearch, page: string | null) {
  return queryOptions({
    queryKey: [...EMPLOYEES_KEY, "list", search, page ?? ""],
    queryFn: () => api.json<EmployeesPage>(employeesPath(search, page)),
    placeholderData: keepPreviousData,
  });
}

export function useEmployees(search: PeopleSearch, page: string | null) {
  return useQuery(getEmployeesQueryOptions(search, page));
}
