import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export type Comment = { by: string; at: string; text: string };
export type Action = {
  id: string;
  kind: "report" | "own" | "case";
  title: string;
  status: "open" | "in_progress" | "done" | "dropped";
  due: string | null;
  note: string | null;
  competency: string | null;
  competency_name: string | null;
  cycle_id: string | null;
  case_id?: string | null;
  case_closed?: boolean;
  created_at?: string | null;
  comments: Comment[];
};
export type Plan = {
  employee_id: string;
  aspirations: string | null;
  seeded_from: string[];
  actions: Action[];
  version: number;
  history: { at: string; by: string; kind: string; action_id?: string }[];
  names: Record<string, string>;
  may_change: boolean;
  may_comment: boolean;
};

const planKey = (employeeId: string) => ["development-plan", employeeId] as const;
const path = (employeeId: string) => `/employees/${encodeURIComponent(employeeId)}/development-plan`;

/** A person's plan: seeded by the API from their latest released report when it is read. */
export function usePlan(employeeId: string) {
  return useQuery(queryOptions({ queryKey: planKey(employeeId), queryFn: () => api.json<Plan>(path(employeeId)) }));
}

function useSave<T>(employeeId: string, send: (body: T) => Promise<Plan>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (plan) => queries.setQueryData(planKey(employeeId), plan),
  });
}

export type NewAction = { title: string; due?: string | null; note?: string | null };
export function useAddAction(employeeId: string) {
  return useSave(employeeId, (body: NewAction) => api.create<Plan>(`${path(employeeId)}/actions`, body));
}

export type ActionChange = { status?: Action["status"]; due?: string | null; note?: string | null; comment?: string };
export function useChangeAction(employeeId: string, actionId: string) {
  return useSave(employeeId, (body: ActionChange) =>
    api.patch<Plan>(`${path(employeeId)}/actions/${encodeURIComponent(actionId)}`, body),
  );
}

export function useChangeAspirations(employeeId: string) {
  return useSave(employeeId, (aspirations: string) => api.patch<Plan>(path(employeeId), { aspirations }));
}
