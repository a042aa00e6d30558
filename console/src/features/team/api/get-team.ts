import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { CaseState } from "../../escalations/api/types";
import type { Proposal, Rater } from "../../rounds/api/types";

export type Round = {
  cycle_id: string;
  cycle_name: string;
  state: string;
  deadline: string;
  raters: Rater[];
  proposals: Proposal[];
  report_path: string | null;
};

export type MemberCase = { id: string; state: CaseState; due: string | null; cause: string };

export type TeamMember = {
  id: string;
  name: string;
  department: string | null;
  job_class: string | null;
  rounds: Round[];
  cases: MemberCase[];
};

export type OwnedCase = MemberCase & { employee_id: string; employee_name: string; level: number };

/** GET /me/team: the caller's direct reports with their rounds and cases, and the cases the caller owns. */
export type Team = { members: TeamMember[]; cases: OwnedCase[] };

export const TEAM_KEY = ["me", "team"] as const;

export function getTeam(): Promise<Team> {
  return api.json<Team>("/me/team");
}

export function getTeamQueryOptions() {
  return queryOptions({ queryKey: TEAM_KEY, queryFn: getTeam });
}

export function useTeam() {
  return useQuery(getTeamQueryOptions());
}
