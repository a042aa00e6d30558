import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorOf } from "../../../lib/api-client";
import { bearerToken } from "../../../lib/auth";
import { authConfig } from "../../../lib/config";
import { ORGANISATION_KEY } from "./get-organisation";
import type { OrgSettings, OrgSettingsBody } from "./types";

/** PUT /organisation (the shared client posts only): the settings as saved, or the API's refusal with every
 * problem named. */
export async function putOrganisation(body: OrgSettingsBody): Promise<OrgSettings> {
  const headers: Record<string, string> = { Accept: "application/json", "Content-Type": "application/json" };
  const bearer = await bearerToken();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(`${authConfig.apiBase}/organisation`, { method: "PUT", headers, body: JSON.stringify(body) });
  if (!response.ok) throw await errorOf(response);
  return response.json() as Promise<OrgSettings>;
}

export function useSaveOrganisation() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: putOrganisation,
    onSuccess: (saved) => queries.setQueryData(ORGANISATION_KEY, saved),
  });
}
