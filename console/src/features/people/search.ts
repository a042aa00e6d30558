/** What HR searches the people list for, as the page's address keeps it (so a link or Back returns to it). */
export type PeopleSearch = { q: string; department: string; manager: string; job_class: string };

const FIELDS = ["q", "department", "manager", "job_class"] as const;

export const NO_SEARCH: PeopleSearch = { q: "", department: "", manager: "", job_class: "" };

export function searchFrom(params: URLSearchParams): PeopleSearch {
  return Object.fromEntries(FIELDS.map((f) => [f, params.get(f)?.trim() ?? ""])) as PeopleSearch;
}

/** The page's address parameters: the search's non-empty parts and, past the first page, its token. */
export function paramsOf(search: PeopleSearch, page?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (search[field].trim()) params.set(field, search[field].trim());
  if (page) params.set("page", page);
  return params;
}

/** GET /employees for this search, from `next` (the token of the page wanted) when given. */
export function employeesPath(search: PeopleSearch, next?: string | null): string {
  const params = paramsOf(search);
  if (next) params.set("next", next);
  const query = params.toString();
  return query ? `/employees?${query}` : "/employees";
}

export function isSearching(search: PeopleSearch): boolean {
  return FIELDS.some((f) => search[f] !== "");
}

/** The pages already passed, kept in the browser's history with each page: "" is the first page. */
export type Trail = { previous: string[] };

export function trailOf(state: unknown): Trail {
  const previous = (state as Trail | null)?.previous;
  return { previous: Array.isArray(previous) ? previous.filter((p) => typeof p === "string") : [] };
}

/** Going on to `next` from the page at `current`: the trail gains the current page. */
export function forward(trail: Trail, current: string | null): Trail {
  return { previous: [...trail.previous, current ?? ""] };
}

/** Going back one page: where to (null for the first page) and the trail without it. */
export function back(trail: Trail): { page: string | null; trail: Trail } {
  const previous = trail.previous.slice(0, -1);
  const page = trail.previous[trail.previous.length - 1] ?? "";
  return { page: page || null, trail: { previous } };
}
