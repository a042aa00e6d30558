import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { GOALS_KEY } from "./get-goals";
import type { Goal, GoalDraft } from "./types";

/** Set a goal: the answer carries its findings, in the reader's language. */
export function useSetGoal() {
  const queries = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: (draft: GoalDraft) => api.create<Goal>("/goals", draft, i18n.language),
    onSuccess: () => refresh(queries, { queryKey: GOALS_KEY }),
  });
}

export type GoalChange = { due?: string; status?: Goal["status"]; parent_id?: string | null; reason: string };

/** Adjust a goal, saying why; sent with the version read, so a change made meanwhile is not overwritten. */
export function useChangeGoal(goal: Goal) {
  const queries = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: (change: GoalChange) =>
      api.patch<Goal>(`/goals/${encodeURIComponent(goal.id)}`, { ...change, version: goal.version }, i18n.language),
    onSettled: () => refresh(queries, { queryKey: GOALS_KEY }),
  });
}

export type Progress = { key_result_id?: string; value: number; note?: string };

/** Record where a key result (or a goal without key results, as a share from 0 to 1) now stands. */
export function useRecordProgress(goalId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (progress: Progress) => api.post<Goal>(`/goals/${encodeURIComponent(goalId)}/progress`, progress),
    onSuccess: () => refresh(queries, { queryKey: GOALS_KEY }),
  });
}

/** Confirm a goal as it is for this quarter (kept in its history). */
export function useConfirmGoal(goalId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Goal>(`/goals/${encodeURIComponent(goalId)}/confirm`, {}),
    onSuccess: () => refresh(queries, { queryKey: GOALS_KEY }),
  });
}
