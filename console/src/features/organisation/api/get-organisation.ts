import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { OrgSettings } from "./types";

export const ORGANISATION_KEY = ["organisation"] as const;

export function getOrganisation(): Promise<OrgSettings> {
  return api.json<OrgSettings>("/organisation");
}

export function getOrganisationQueryOptions() {
  return queryOptions({ queryKey: ORGANISATION_KEY, queryFn: getOrganisation });
}

export function useOrganisation() {
  return useQuery(getOrganisationQueryOptions());
}
