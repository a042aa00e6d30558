import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { TEAM_KEY } from "../../team/api/get-team";
import { caseKey } from "./get-case";
import type { CaseEventBody, EscalationCase } from "./types";

export function postCaseEvent(caseId: string, event: CaseEventBody): Promise<EscalationCase> {
  return api.post<EscalationCase>(`/escalations/${encodeURIComponent(caseId)}/events`, event);
}

/** A step on a case (acknowledge, plan, review, close): the case and the team's case lists change. */
export function useCaseEvent(caseId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (event: CaseEventBody) => postCaseEvent(caseId, event),
    onSuccess: async (moved) => {
      // The answer is the case without its names: keep the ones known until the case is read again.
      queries.setQueryData<EscalationCase>(caseKey(caseId), (known) => ({
        ...moved,
        names: { ...known?.names, ...moved.names },
      }));
      await Promise.all([
        refresh(queries, { queryKey: caseKey(caseId) }),
        refresh(queries, { queryKey: TEAM_KEY }),
      ]);
    },
  });
}
