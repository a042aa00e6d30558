import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { CycleSummary } from "./types";

export function getCycles(): Promise<CycleSummary[]> {
  return api.json<{ cycles: CycleSummary[] }>("/cycles").then((answer) => answer.cycles);
}

export function getCyclesQueryOptions() {
  return queryOptions({ queryKey: ["cycles"], queryFn: getCycles });
}

/** The organisation's newest cycles (GET /cycles). */
export function useCycles() {
  return useQuery(getCyclesQueryOptions());
}
