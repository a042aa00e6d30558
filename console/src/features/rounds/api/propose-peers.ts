import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { ME_KEY } from "../../people/api/get-me";
import type { RatersView } from "./types";

export type PeerProposal = { cycleId: string; employeeId: string; peers: string[] };

export function proposePeers({ cycleId, employeeId, peers }: PeerProposal): Promise<RatersView> {
  const path = `/cycles/${encodeURIComponent(cycleId)}/subjects/${encodeURIComponent(employeeId)}/proposals`;
  return api.post<RatersView>(path, { peers });
}

/** The subject proposes peers; their home page (GET /me) reads the new proposals. */
export function useProposePeers() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: proposePeers,
    onSuccess: () => refresh(queries, { queryKey: ME_KEY, exact: true }),
  });
}
