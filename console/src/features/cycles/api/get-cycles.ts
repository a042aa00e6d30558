import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { Cycle } from "./types";

export const CYCLES_KEY = ["cycles"] as const;

/** GET /cycles: the organisation's cycles, newest first, each with its progress. */
export function getCycles(): Promise<{ cycles: Cycle[] }> {
  return api.json<{ cycles: Cycle[] }>("/cycles");
}

export function useCycles() {
  return useQuery(queryOptions({ queryKey: CYCLES_KEY, queryFn: getCycles }));
}
