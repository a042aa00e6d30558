import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { TEAM_KEY } from "../../team/api/get-team";
import type { EscalationCase } from "./types";

export type UnacceptableFlag = { employeeId: string; note: string };

export function flagUnacceptable({ employeeId, note }: UnacceptableFlag): Promise<EscalationCase> {
  return api.post<EscalationCase>(`/employees/${encodeURIComponent(employeeId)}/unacceptable`, { note });
}

/** The manager marks performance unacceptable: a case opens, and the team page lists it. */
export function useFlagUnacceptable() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: flagUnacceptable,
    onSuccess: () => refresh(queries, { queryKey: TEAM_KEY }),
  });
}
