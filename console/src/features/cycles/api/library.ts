import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api-client";
import type { CompetencyLibrary, JobClass } from "./types";

/** GET /competencies in the reader's language. */
export function useCompetencies() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useQuery(
    queryOptions({
      queryKey: ["library", "competencies", language],
      queryFn: () => api.json<CompetencyLibrary>("/competencies", language),
      staleTime: Infinity,
    }),
  );
}

/** The job classes and their default profiles (GET /job-classes), asked for when HR first picks a profile. */
export function useJobClassProfiles(): (jobClass: string) => Promise<string[]> {
  const queries = useQueryClient();
  const { i18n } = useTranslation();
  return async (jobClass) => {
    const found = await queries.fetchQuery({
      queryKey: ["library", "job-classes", i18n.language],
      queryFn: () => api.json<{ job_classes: JobClass[] }>("/job-classes", i18n.language),
      staleTime: Infinity,
    });
    return found.job_classes.find((j) => j.id === jobClass)?.profile ?? [];
  };
}
