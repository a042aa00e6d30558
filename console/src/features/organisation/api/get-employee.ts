import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export type EmployeeName = { id: string; name: string; active: boolean };

export function getEmployee(employeeId: string): Promise<EmployeeName> {
  return api.json<EmployeeName>(`/employees/${encodeURIComponent(employeeId)}`);
}

/** Who an employee id names, asked only for an id the settings do not name already (one HR just typed). */
export function useEmployeeName(employeeId: string, known: Record<string, string>) {
  const id = employeeId.trim();
  return useQuery({
    ...queryOptions({ queryKey: ["employees", id], queryFn: () => getEmployee(id) }),
    enabled: id !== "" && !(id in known),
  });
}
