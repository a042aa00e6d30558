import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";

export type AuditRecord = "report" | "case" | "review" | "development_plan";

/** One read of a person's record by someone else, as the audit log keeps it. */
export type AuditRead = { person: string; reader: string; record: AuditRecord; ref: string; at: string };

/** GET /organisation/audit: a page of reads, newest first, the names in them and the next page's token. */
export type AuditPage = { reads: AuditRead[]; names: Record<string, string>; next: string | null };

/** Whose reads: the reads of one person's records, or one reader's reads. */
export type AuditQuery = { by: "person" | "reader"; id: string };

export function auditPath(query: AuditQuery, next: string | null): string {
  const search = new URLSearchParams({ [query.by]: query.id });
  if (next) search.set("next", next);
  return `/organisation/audit?${search.toString()}`;
}

export function getAuditQueryOptions(query: AuditQuery) {
  return infiniteQueryOptions({
    queryKey: ["audit", query.by, query.id],
    queryFn: ({ pageParam }) => api.json<AuditPage>(auditPath(query, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

export function useAudit(query: AuditQuery) {
  return useInfiniteQuery(getAuditQueryOptions(query));
}
