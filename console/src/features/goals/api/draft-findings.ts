import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api-client";
import type { Finding, GoalDraft } from "./types";

const PAUSE_MS = 400; // asked once the person pauses typing, not at every key

/** The findings about a goal being written, asked for when the person pauses; saving nothing. */
export function useDraftFindings(draft: GoalDraft) {
  const { i18n } = useTranslation();
  const [settled, setSettled] = useState(draft);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(draft), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft]);
  return useQuery({
    queryKey: ["goal-findings", i18n.language, settled],
    queryFn: () => api.post<{ findings: Finding[] }>("/goals/findings", settled, i18n.language),
    enabled: settled.title.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
