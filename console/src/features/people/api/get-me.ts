import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { ImprovementPlan } from "../../escalations/api/types";
import type { FeedbackForm } from "../../feedback/api/types";
import type { ReleasedReport } from "../../reports/api/types";
import type { Nomination } from "../../rounds/api/types";

export type Role = "employee" | "manager" | "hr_admin";

/** GET /me: who the caller is and everything that waits for them, in one request. */
export type Me = {
  employee: {
    id: string;
    name: string;
    email: string;
    locale: string;
    department: string | null;
    job_class: string | null;
    manager_id: string | null;
    manager_name: string | null;
  };
  roles: string[];
  forms: FeedbackForm[];
  reports: ReleasedReport[];
  nominations: Nomination[];
  plans: ImprovementPlan[];
};

export const ME_KEY = ["me"] as const;

export function getMe(): Promise<Me> {
  return api.json<Me>("/me");
}

export function getMeQueryOptions() {
  return queryOptions({ queryKey: ME_KEY, queryFn: getMe });
}

export function useMe() {
  return useQuery(getMeQueryOptions());
}
