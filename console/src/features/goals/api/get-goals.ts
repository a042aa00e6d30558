import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { Goal } from "./types";

export const GOALS_KEY = ["goals"] as const;

export function getGoals(owner?: string): Promise<{ goals: Goal[] }> {
  return api.json<{ goals: Goal[] }>(owner ? `/goals?owner=${encodeURIComponent(owner)}` : "/goals");
}

/** An owner's goals that the reader may see (the reader's own without an owner). */
export function useGoals(owner?: string) {
  return useQuery(queryOptions({ queryKey: [...GOALS_KEY, owner ?? "mine"], queryFn: () => getGoals(owner) }));
}
