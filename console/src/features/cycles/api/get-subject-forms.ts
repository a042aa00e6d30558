import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { CYCLES_KEY } from "./get-cycles";
import type { SubjectForms } from "./types";

export function getSubjectForms(cycleId: string, subjectId: string): Promise<SubjectForms> {
  return api.json<SubjectForms>(
    `/cycles/${encodeURIComponent(cycleId)}/subjects/${encodeURIComponent(subjectId)}/assignments`,
  );
}

/** A subject's raters and their forms' status, read when HR opens the subject. */
export function useSubjectForms(cycleId: string, subjectId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...CYCLES_KEY, cycleId, "forms", subjectId],
    queryFn: () => getSubjectForms(cycleId, subjectId),
    enabled,
  });
}
