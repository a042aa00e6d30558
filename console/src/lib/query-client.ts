import { type InvalidateQueryFilters, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-client";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal will not change on retry; a network hiccup might.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

/**
 * Marks the queries stale and fetches the active ones again, after a write. A first load still in flight is
 * cancelled and started again: TanStack Query would otherwise hand back that load's answer, read before the write,
 * and the page would not show what was just saved.
 */
export async function refresh(queries: QueryClient, filters: InvalidateQueryFilters): Promise<void> {
  await queries.cancelQueries(filters);
  await queries.invalidateQueries(filters);
}
