import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { DepartmentGoals, GoalDetail, OrganisationGoals, OwnerGoals, TeamGoals } from "./types";

export const GOALS_KEY = ["goals"] as const;

export function getGoals(owner?: string): Promise<OwnerGoals> {
  return api.json<OwnerGoals>(owner ? `/goals?owner=${encodeURIComponent(owner)}` : "/goals");
}

/** An owner's goals that the reader may see (the reader's own without an owner). */
export function useGoals(owner?: string, enabled = true) {
  return useQuery(
    queryOptions({ queryKey: [...GOALS_KEY, owner ?? "mine"], queryFn: () => getGoals(owner), enabled }),
  );
}

/** One goal with the chain above it, the children the reader may see and its history. */
export function useGoal(goalId: string) {
  return useQuery({
    queryKey: [...GOALS_KEY, "one", goalId],
    queryFn: () => api.json<GoalDetail>(`/goals/${encodeURIComponent(goalId)}`),
  });
}

/** A page of the company's goals: organisation-wide, hanging under nothing. */
export function useOrganisationGoals(after: string | null = null) {
  return useQuery({
    queryKey: [...GOALS_KEY, "organisation", after],
    queryFn: () =>
      api.json<OrganisationGoals>(`/goals?scope=organisation${after ? `&after=${encodeURIComponent(after)}` : ""}`),
  });
}

/** The reader's direct reports' goals, and who has looked at theirs this quarter. */
export function useTeamGoals() {
  return useQuery({ queryKey: [...GOALS_KEY, "team"], queryFn: () => api.json<TeamGoals>("/goals?scope=team") });
}

/** HR's goal alignment by department this quarter (small departments folded together or left out). */
export function useDepartmentGoals() {
  return useQuery({
    queryKey: [...GOALS_KEY, "departments"],
    queryFn: () => api.json<DepartmentGoals>("/organisation/goals"),
  });
}
