import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";

export type Value = { id: string; name: string; description: string };
export type Recognition = {
  id: string;
  from: string;
  to: string[];
  value: string;
  value_name: string;
  message: string;
  visibility: "public" | "private";
  given_at: string;
  names: Record<string, string>;
};
export type Colleague = { id: string; name: string; department: string };
export type Analytics = {
  quarter: string;
  threshold: number;
  departments: (
    | { department: string; hidden: true }
    | { department: string; hidden: false; people: number; values: { value: string; name: string; count: number }[] }
  )[];
  never_recognised?: {
    department: string;
    people: { id: string; name: string; manager_name: string | null }[];
    next: string | null;
  };
};

const RECEIVED = ["recognitions"] as const;

export function useReceived(employeeId?: string) {
  const query = employeeId ? `?employee_id=${encodeURIComponent(employeeId)}` : "";
  return useQuery(
    queryOptions({
      queryKey: [...RECEIVED, employeeId ?? "mine"],
      queryFn: () => api.json<{ recognitions: Recognition[]; next: string | null }>(`/recognitions${query}`),
    }),
  );
}

export function useValues() {
  return useQuery({ queryKey: ["recognition-values"], queryFn: () => api.json<{ values: Value[] }>("/recognitions/values") });
}

export function useColleagues(q: string) {
  return useQuery({
    queryKey: ["recognition-people", q],
    queryFn: () => api.json<{ people: Colleague[] }>(`/recognitions/people?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length >= 2,
  });
}

export type NewRecognition = { to: string[]; value: string; message: string; visibility: "public" | "private" };
export function useGive() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRecognition) => api.create<Recognition>("/recognitions", body),
    onSuccess: () => refresh(queries, { queryKey: RECEIVED }),
  });
}

export function useAnalytics(department: string) {
  const query = department ? `?department=${encodeURIComponent(department)}` : "";
  return useQuery({
    queryKey: ["recognition-analytics", department],
    queryFn: () => api.json<Analytics>(`/organisation/recognition${query}`),
  });
}
