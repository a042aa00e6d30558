import { queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import type { Analytics } from "./types";

export function getAnalytics(cycleId: string, language: string): Promise<Analytics> {
  return api.json<Analytics>(`/cycles/${encodeURIComponent(cycleId)}/analytics`, language);
}

export function getAnalyticsQueryOptions(cycleId: string, language: string) {
  return queryOptions({
    queryKey: ["cycles", cycleId, "analytics", language],
    queryFn: () => getAnalytics(cycleId, language),
  });
}
