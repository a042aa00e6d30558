import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { CYCLES_KEY } from "./get-cycles";
import type { Cycle, CycleEventBody } from "./types";

/** POST /cycles/{id}/events (launch, remind, extend, close, release, cancel): the cycle's pages are read again. */
export function useCycleEvent(cycleId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (event: CycleEventBody) => api.post<Cycle>(`/cycles/${encodeURIComponent(cycleId)}/events`, event),
    onSuccess: () =>
      Promise.all([
        refresh(queries, { queryKey: CYCLES_KEY }),
        refresh(queries, { queryKey: ["organisation", "overview"] }),
      ]),
  });
}
