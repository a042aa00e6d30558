import { queryOptions, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";

export type Cadence = "weekly" | "fortnightly" | "monthly";
export const CADENCES: Cadence[] = ["weekly", "fortnightly", "monthly"];

export type Pair = {
  employee_id: string;
  manager_id: string;
  cadence: Cadence | null;
  next_due: string | null;
  held: number;
  missed: number;
  last_check_in: string | null;
  last_held_at: string | null;
};

export type CheckInSummary = {
  id: string;
  employee_id: string;
  manager_id: string;
  date: string;
  state: "open" | "completed";
  topics: number;
  actions: number;
  completed_at: string | null;
};

export type Topic = { id: string; text: string; by: string; side: "employee" | "manager"; at: string };
export type Action = {
  id: string;
  text: string;
  owner: string;
  due: string | null;
  done: boolean;
  carried: boolean;
  raised_in: string;
};

/** GET /check-ins/{id}: the agenda, shared notes, actions, and (for the two people only) their own private notes. */
export type CheckIn = {
  id: string;
  employee_id: string;
  manager_id: string;
  date: string;
  state: "open" | "completed";
  topics: Topic[];
  shared_notes: { text: string; by: string; at: string } | null;
  actions: Action[];
  development_focus: {
    cycle_id: string;
    cycle_name: string;
    report_path: string;
    competencies: { id: string; name: string | null }[];
  } | null;
  goals?: { open: { id: string; title: string; status: string; due: string }[]; path: string; console: string };
  /** The open actions of the employee's development plan (GET answers them, as it does the goals). */
  development_actions?: { id: string; title: string; status: string; due: string | null }[];
  private_notes?: { text: string; updated_at: string | null; only_you: true };
  may_change: boolean;
  version: number;
};

export type CheckInList = { check_ins: CheckInSummary[]; pair: Pair | null };

export type DepartmentRow = {
  department: string | null;
  pairs: number;
  topics: { employee: number; manager: number };
  employee_topic_share: number | null;
  held: number;
  missed: number;
  missed_share: number | null;
};
export type OrganisationCheckIns = {
  threshold: number;
  departments: DepartmentRow[];
  other: (DepartmentRow & { departments: number }) | null;
  hidden_departments: number;
};

const KEY = ["check-ins"] as const;

function listOptions(employeeId?: string) {
  const path = employeeId ? `/check-ins?employee_id=${encodeURIComponent(employeeId)}` : "/check-ins";
  return queryOptions({ queryKey: [...KEY, "list", employeeId ?? "mine"], queryFn: () => api.json<CheckInList>(path) });
}

/** An employee's check-ins and their pair's cadence (the reader's own without an id). */
export function useCheckIns(employeeId?: string) {
  return useQuery(listOptions(employeeId));
}

/** Each report's check-ins, read together (a manager's direct reports). */
export function useTeamCheckIns(employeeIds: string[]) {
  return useQueries({ queries: employeeIds.map((id) => listOptions(id)) });
}

export function useCheckIn(id: string | null) {
  return useQuery({
    queryKey: [...KEY, "one", id],
    queryFn: () => api.json<CheckIn>(`/check-ins/${encodeURIComponent(id ?? "")}`),
    enabled: id != null,
  });
}

export function useOrganisationCheckIns() {
  return useQuery({ queryKey: [...KEY, "organisation"], queryFn: () => api.json<OrganisationCheckIns>("/organisation/check-ins") });
}

/** Every write answers the check-in; the lists are read again. */
function useWrite<T>(write: (body: T) => Promise<unknown>) {
  const queries = useQueryClient();
  return useMutation({ mutationFn: write, onSettled: () => refresh(queries, { queryKey: KEY }) });
}

export function useStartCheckIn() {
  return useWrite((employeeId: string) => api.create<CheckIn>("/check-ins", { employee_id: employeeId }));
}

export function useSetCadence(employeeId: string) {
  return useWrite((cadence: Cadence) =>
    api.put<Pair>(`/employees/${encodeURIComponent(employeeId)}/check-in-cadence`, { cadence }),
  );
}

export function useAddTopic(id: string) {
  return useWrite((text: string) => api.create<CheckIn>(`/check-ins/${encodeURIComponent(id)}/topics`, { text }));
}

export function useSaveNotes(id: string) {
  return useWrite((notes: { shared?: string; private?: string }) =>
    api.put<CheckIn>(`/check-ins/${encodeURIComponent(id)}/notes`, notes),
  );
}

export function useAddAction(id: string) {
  return useWrite((action: { text: string; owner: string; due?: string }) =>
    api.create<CheckIn>(`/check-ins/${encodeURIComponent(id)}/actions`, action),
  );
}

export function useMarkDone(id: string) {
  return useWrite((actionId: string) =>
    api.post<CheckIn>(`/check-ins/${encodeURIComponent(id)}/actions/${encodeURIComponent(actionId)}/done`, {}),
  );
}

export function useComplete(id: string) {
  return useWrite(() => api.post<CheckIn>(`/check-ins/${encodeURIComponent(id)}/complete`, {}));
}
