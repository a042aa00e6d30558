import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router-dom";
import { vi } from "vitest";
import { SessionProvider } from "../components/session";
import type { Profile } from "../lib/auth";

export const employee: Profile = {
  employeeId: "e012",
  org: "demo",
  name: "Anna Nygaard",
  email: "anna@example.org",
  locale: "en",
  groups: ["employee"],
};

export const manager: Profile = { ...employee, employeeId: "m001", name: "Mads Holm", groups: ["employee", "manager"] };

/** A page or component as a signed-in person sees it, with a fresh query cache (no retries). */
export function renderSignedIn(ui: ReactNode, { profile = employee, path = "/" } = {}) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return {
    queries,
    ...render(
      <QueryClientProvider client={queries}>
        <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
          <SessionProvider profile={profile}>{ui}</SessionProvider>
        </MemoryRouter>
      </QueryClientProvider>,
    ),
  };
}

type Call = { method: string; path: string; body: unknown };

/** A stand-in for the API: answers by "METHOD /path", and keeps every call with its JSON body. */
export function fakeApi(answers: Record<string, unknown | ((body: unknown) => [number, unknown])>) {
  const calls: Call[] = [];
  const fetcher = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    const path = new URL(url, "http://console.test").pathname;
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body });
    const answer = answers[`${method} ${path}`];
    if (answer === undefined) {
      return new Response(JSON.stringify({ error: { code: "not_found", message: `no ${method} ${path}` } }), {
        status: 404,
      });
    }
    const [status, json] = typeof answer === "function" ? answer(body) : [200, answer];
    return new Response(JSON.stringify(json), { status, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetcher);
  return { calls, fetcher };
}
