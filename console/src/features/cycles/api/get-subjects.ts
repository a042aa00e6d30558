import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { CYCLES_KEY } from "./get-cycles";
import type { SubjectsPage } from "./types";

export function getSubjects(cycleId: string, next: string, short: boolean): Promise<SubjectsPage> {
  const query = new URLSearchParams({ next, ...(short ? { short: "true" } : {}) });
  return api.json<SubjectsPage>(`/cycles/${encodeURIComponent(cycleId)}/subjects?${query}`);
}

/**
 * The subjects after those the cycle's page gave (``first``), a page at a time when the reader asks for more:
 * the cycle's page already holds the first, so nothing is read until then.
 */
export function useMoreSubjects(cycleId: string, first: SubjectsPage, short = false) {
  return useInfiniteQuery({
    queryKey: [...CYCLES_KEY, cycleId, "subjects", short ? "short" : "all", first.next],
    queryFn: ({ pageParam }) => getSubjects(cycleId, pageParam, short),
    initialPageParam: first.next ?? "",
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: false,
  });
}
