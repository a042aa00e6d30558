import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { CYCLES_KEY } from "./get-cycles";
import { putJson } from "./send";
import type { SubjectRaters } from "./types";

const path = (cycleId: string, subjectId: string) =>
  `/cycles/${encodeURIComponent(cycleId)}/subjects/${encodeURIComponent(subjectId)}/raters`;
const ratersKey = (cycleId: string, subjectId: string) => [...CYCLES_KEY, cycleId, "raters", subjectId] as const;

/** GET /cycles/{id}/subjects/{e}/raters: read when HR opens a subject's raters. */
export function useSubjectRaters(cycleId: string, subjectId: string, enabled: boolean) {
  return useQuery({
    queryKey: ratersKey(cycleId, subjectId),
    queryFn: () => api.json<SubjectRaters>(path(cycleId, subjectId)),
    enabled,
  });
}

/** PUT the subject's whole list of raters; the cycle's page (who is short) is read again. */
export function useReplaceRaters(cycleId: string, subjectId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (raters: { id: string; relationship: string }[]) =>
      putJson<SubjectRaters>(path(cycleId, subjectId), { raters }),
    onSuccess: async (saved) => {
      queries.setQueryData(ratersKey(cycleId, subjectId), saved);
      await refresh(queries, { queryKey: [...CYCLES_KEY, cycleId, "page"] });
    },
  });
}
