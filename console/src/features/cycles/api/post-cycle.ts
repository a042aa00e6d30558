import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { CYCLES_KEY } from "./get-cycles";
import type { Cycle, NewCycleBody } from "./types";

/** POST /cycles: the cycle, with every subject's raters derived before it answers. */
export function useCreateCycle() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCycleBody) => api.post<Cycle>("/cycles", body),
    onSuccess: () => refresh(queries, { queryKey: CYCLES_KEY }),
  });
}
