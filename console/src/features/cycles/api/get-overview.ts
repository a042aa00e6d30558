import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { Overview } from "./types";

/** GET /organisation/overview: the cycles still running and the cases past due, in one request. */
export function useOverview() {
  return useQuery(
    queryOptions({ queryKey: ["organisation", "overview"], queryFn: () => api.json<Overview>("/organisation/overview") }),
  );
}
