import type { ComponentType } from "react";
import type { RouteObject } from "react-router-dom";

/** One link in the header's navigation: shown to a reader who holds any of `roles`, in `order`. The order also
 * places it in a group: below 20 the reader's own pages, 20 to 24 their team's, from 25 HR's. */
export type NavEntry = { to: string; label: string; roles: readonly string[]; order: number; end?: boolean };

export type NavGroup = "mine" | "team" | "hr";

export function groupOf(entry: NavEntry): NavGroup {
  return entry.order < 20 ? "mine" : entry.order < 25 ? "team" : "hr";
}

/** The links in their groups, in order; a group without links is left out. */
export function navGroups(entries: NavEntry[]): [NavGroup, NavEntry[]][] {
  const groups: [NavGroup, NavEntry[]][] = [["mine", []], ["team", []], ["hr", []]];
  for (const entry of entries) groups.find(([group]) => group === groupOf(entry))?.[1].push(entry);
  return groups.filter(([, found]) => found.length > 0);
}

/** What an area of the console adds (`src/features/<area>/routes.tsx`): its pages and its navigation links.
 * Pages are lazy (`React.lazy`), so an area costs the first load nothing but this small module. */
export type Area = { routes: RouteObject[]; nav?: NavEntry[] };

export type LazyPage = ComponentType;

/** Every area's module, found by its file name: adding an area touches no shared file. */
const found = import.meta.glob<Area>("../features/*/routes.tsx", { eager: true });

export const areas: Area[] = Object.keys(found)
  .sort()
  .map((path) => found[path]);

export const areaRoutes: RouteObject[] = areas.flatMap((area) => area.routes);

/** The navigation links a reader with these roles sees, in their order. */
export function navFor(roles: readonly string[], entries: NavEntry[] = areas.flatMap((a) => a.nav ?? [])): NavEntry[] {
  return entries.filter((entry) => entry.roles.some((role) => roles.includes(role))).sort((a, b) => a.order - b.order);
}
