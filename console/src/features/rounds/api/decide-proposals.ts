import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { TEAM_KEY } from "../../team/api/get-team";
import type { RatersView } from "./types";

export type ProposalDecision = { cycleId: string; employeeId: string; approve: string[]; reject: string[] };

export function decideProposals({ cycleId, employeeId, approve, reject }: ProposalDecision): Promise<RatersView> {
  const path = `/cycles/${encodeURIComponent(cycleId)}/subjects/${encodeURIComponent(employeeId)}/proposals/decision`;
  return api.post<RatersView>(path, { approve, reject });
}

/** The manager decides on a subject's proposed peers in one call; the team page reads the result. */
export function useDecideProposals() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: decideProposals,
    onSuccess: () => refresh(queries, { queryKey: TEAM_KEY }),
  });
}
