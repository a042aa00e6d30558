import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { SubjectsPage } from "./types";

export function getSubjects(cycleId: string, next: string | null): Promise<SubjectsPage> {
  const query = next ? `?next=${encodeURIComponent(next)}` : "";
  return api.json<SubjectsPage>(`/cycles/${encodeURIComponent(cycleId)}/subjects${query}`);
}

export function getSubjectsQueryOptions(cycleId: string) {
  return infiniteQueryOptions({
    queryKey: ["cycles", cycleId, "subjects"],
    queryFn: ({ pageParam }) => getSubjects(cycleId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

/** The cycle's subjects a page (up to 100) at a time, each saying whether their report is built. */
export function useSubjects(cycleId: string) {
  return useInfiniteQuery(getSubjectsQueryOptions(cycleId));
}
