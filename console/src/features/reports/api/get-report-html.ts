import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export function getReportHtml(cycleId: string, employeeId: string, language: string): Promise<string> {
  const path = `/cycles/${encodeURIComponent(cycleId)}/reports/${encodeURIComponent(employeeId)}/html`;
  return api.text(path, language);
}

export function getReportHtmlQueryOptions(cycleId: string, employeeId: string, language: string) {
  return queryOptions({
    queryKey: ["reports", cycleId, employeeId, "html", language],
    queryFn: () => getReportHtml(cycleId, employeeId, language),
  });
}

export function useReportHtml(cycleId: string, employeeId: string, language: string) {
  return useQuery(getReportHtmlQueryOptions(cycleId, employeeId, language));
}
