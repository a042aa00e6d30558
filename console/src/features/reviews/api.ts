import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api-client";
import { refresh } from "../../lib/query-client";

export type Rated = { rating: number | null; comment: string };
export type Part = {
  status: "pending" | "draft" | "submitted";
  summary?: string;
  goals?: Record<string, string>;
  competencies?: Record<string, Rated>;
  overall_rating?: number | null;
  unacceptable?: boolean;
  submitted_at?: string;
};
export type ReviewLine = {
  id: string;
  employee_id: string;
  employee_name: string;
  manager_id: string | null;
  department: string;
  self_status: Part["status"];
  manager_status: Part["status"];
  overall_rating: number | null;
  manager_rating: number | null;
  calibrated_rating: number | null;
  acknowledged: boolean;
  version: number;
  cycle_name?: string | null;
  cycle_state?: string | null;
};
export type Review = {
  id: string;
  cycle_id: string;
  kind: "update" | "appraisal";
  employee_id: string;
  employee_name: string;
  competencies: string[];
  rating_scale: string[];
  deadline: string;
  time_zone: string;
  version: number;
  self: Part;
  manager: Part;
  overall_rating?: number | null;
  calibrated_rating?: number | null;
  acknowledged: { at: string; comment: string | null } | null;
  cycle: { id: string; name: string | null; state: string | null };
  goals: { id: string; title: string; status: string; progress: number | null; due: string }[];
  competency_details: { id: string; name: string; definition: string }[];
  model_evaluations: { job_class_name: string; top: string; good: string; poor: string } | null;
  report_summary: { cycle_name: string; summary: Record<string, unknown> } | null;
  check_in_actions: { text: string }[];
  history: { kind: string; at: string; by: string; from?: number; to?: number; reason?: string; comment?: string }[];
  you: {
    employee: boolean;
    manager: boolean;
    hr: boolean;
    may_write_self: boolean;
    may_write_manager: boolean;
    may_acknowledge: boolean;
    may_calibrate: boolean;
  };
};
export type ReviewCycle = {
  id: string;
  name: string;
  kind: "update" | "appraisal";
  state: "draft" | "open" | "closed" | "released";
  deadline: string;
  time_zone: string;
  rating_scale: string[];
  progress?: Record<string, number>;
};
export type Distribution = Record<string, number>;
export type Calibration = {
  rating_scale: string[];
  overall: Distribution;
  by_department: { department: string; counts: Distribution; total: number }[];
  by_manager: { manager_id: string; name: string | null; counts: Distribution; total: number }[];
  next: string | null;
  progress: Record<string, number>;
};

/** The API's default scale: shown in the reader's language; a scale of the organisation's own, as written. */
const DEFAULT_SCALE = ["Unacceptable", "Below expectations", "Meets expectations", "Exceeds expectations", "Outstanding"];

export function useScaleLabels(scale: string[]): string[] {
  const { t } = useTranslation();
  const isDefault = scale.length === DEFAULT_SCALE.length && scale.every((label, i) => label === DEFAULT_SCALE[i]);
  return isDefault ? scale.map((_, i) => t(`reviews.scale.${i + 1}`)) : scale;
}

const REVIEWS = ["reviews"] as const;
const CYCLES = ["review-cycles"] as const;
const path = (id: string) => `/reviews/${encodeURIComponent(id)}`;

export function useMyReviews(managerId?: string) {
  const query = managerId ? `/reviews?manager_id=${encodeURIComponent(managerId)}` : "/reviews";
  return useQuery(
    queryOptions({
      queryKey: [...REVIEWS, "list", managerId ?? "mine"],
      queryFn: () => api.json<{ reviews: ReviewLine[] }>(query),
    }),
  );
}

export function useReview(id: string) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...REVIEWS, id, i18n.language],
    queryFn: () => api.json<Review>(path(id), i18n.language),
  });
}

export type PartDraft = Omit<Part, "status" | "submitted_at"> & { version: number };

/** Save a part's draft (autosave): sent with the version read; the answer carries the new one. */
export function useSavePart(id: string, side: "self" | "manager") {
  return useMutation({ mutationFn: (draft: PartDraft) => api.put<Review>(`${path(id)}/${side}`, draft) });
}

function useReviewStep<T>(step: (body: T) => Promise<Review>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: step,
    onSettled: () => refresh(queries, { queryKey: REVIEWS }),
  });
}

export function useSubmitPart(id: string, side: "self" | "manager") {
  return useReviewStep<void>(() => api.post<Review>(`${path(id)}/${side}/submit`, {}));
}

export function useAcknowledge(id: string) {
  return useReviewStep<{ comment: string }>((body) => api.post<Review>(`${path(id)}/acknowledge`, body));
}

export function useCalibrate(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: { overall_rating: number; reason: string }) => api.post<Review>(`${path(id)}/calibrate`, body),
    onSettled: () => refresh(queries, { queryKey: CYCLES }),
  });
}

export function useReviewCycles() {
  return useQuery({
    queryKey: [...CYCLES],
    queryFn: () => api.json<{ review_cycles: ReviewCycle[] }>("/review-cycles"),
  });
}

export function useCreateReviewCycle() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; kind: string; deadline: string }) => api.create<ReviewCycle>("/review-cycles", body),
    onSuccess: () => refresh(queries, { queryKey: CYCLES }),
  });
}

export function useCycleEvent(cycleId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (type: "launch" | "close" | "release") =>
      api.post<ReviewCycle>(`/review-cycles/${encodeURIComponent(cycleId)}/events`, { type }),
    onSettled: () => refresh(queries, { queryKey: CYCLES }),
  });
}

export function useCalibration(cycleId: string) {
  return useQuery({
    queryKey: [...CYCLES, cycleId, "calibration"],
    queryFn: () => api.json<Calibration>(`/review-cycles/${encodeURIComponent(cycleId)}/calibration`),
  });
}

export function useCycleReviews(cycleId: string) {
  return useQuery({
    queryKey: [...CYCLES, cycleId, "reviews"],
    queryFn: () =>
      api.json<{ reviews: ReviewLine[]; next: string | null }>(`/review-cycles/${encodeURIComponent(cycleId)}/reviews`),
  });
}
