import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { CYCLES_KEY } from "./get-cycles";
import type { CyclePage } from "./types";

export const cyclePageKey = (cycleId: string) => [...CYCLES_KEY, cycleId, "page"] as const;

/** GET /cycles/{id}/progress: the cycle, its progress overall and by department, who is short, its first subjects. */
export function getCyclePage(cycleId: string): Promise<CyclePage> {
  return api.json<CyclePage>(`/cycles/${encodeURIComponent(cycleId)}/progress`);
}

export function useCyclePage(cycleId: string) {
  return useQuery(queryOptions({ queryKey: cyclePageKey(cycleId), queryFn: () => getCyclePage(cycleId) }));
}
