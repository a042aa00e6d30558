import type { Cycle, Overview } from "./api/types";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type Need =
  | { kind: "short"; cycle: Cycle; count: number }
  | { kind: "undeliverable"; cycle: Cycle; count: number }
  | { kind: "deadline"; cycle: Cycle }
  | { kind: "release"; cycle: Cycle };

/**
 * What needs HR now in the cycles still running: subjects short of raters before launch, addresses that
 * bounced while forms are open, deadlines within the coming week, reports built and waiting for release.
 */
export function needsOf(overview: Pick<Overview, "cycles" | "now">): Need[] {
  const now = new Date(overview.now).getTime();
  const needs: Need[] = [];
  for (const cycle of overview.cycles) {
    if ((cycle.state === "draft" || cycle.state === "nominating") && cycle.short_subjects > 0) {
      needs.push({ kind: "short", cycle, count: cycle.short_subjects });
    }
    if (cycle.state === "open" && cycle.progress.undeliverable > 0) {
      needs.push({ kind: "undeliverable", cycle, count: cycle.progress.undeliverable });
    }
    const deadline = new Date(cycle.deadline).getTime();
    if (cycle.state === "open" && deadline >= now && deadline - now <= WEEK_MS) {
      needs.push({ kind: "deadline", cycle });
    }
    if (cycle.state === "reported") needs.push({ kind: "release", cycle });
  }
  return needs;
}
