import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { refresh } from "./query-client";

describe("refresh after a write", () => {
  it("reads again when the page's first load was still on its way when the write finished", async () => {
    const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const answers: Array<(list: string[]) => void> = [];
    const observer = new QueryObserver<string[]>(queries, {
      queryKey: ["cycles"],
      queryFn: () => new Promise<string[]>((resolve) => answers.push(resolve)),
    });
    const seen: Array<string[] | undefined> = [];
    const stop = observer.subscribe((result) => seen.push(result.data));

    expect(answers).toHaveLength(1); // the first load, read before the write
    const refreshed = refresh(queries, { queryKey: ["cycles"] });
    answers[0]([]); // its answer arrives after the write: the list without the new cycle
    await vi.waitFor(() => expect(answers).toHaveLength(2)); // read again
    answers[1](["Year end"]);
    await refreshed;

    expect(observer.getCurrentResult().data).toEqual(["Year end"]);
    expect(seen).not.toContainEqual([]); // the stale answer was never shown
    stop();
  });
});
