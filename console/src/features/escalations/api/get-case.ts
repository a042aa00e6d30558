import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { EscalationCase } from "./types";

export function caseKey(caseId: string) {
  return ["cases", caseId] as const;
}

export function getCase(caseId: string): Promise<EscalationCase> {
  return api.json<EscalationCase>(`/escalations/${encodeURIComponent(caseId)}`);
}

export function getCaseQueryOptions(caseId: string) {
  return queryOptions({ queryKey: caseKey(caseId), queryFn: () => getCase(caseId) });
}

export function useCase(caseId: string) {
  return useQuery(getCaseQueryOptions(caseId));
}
