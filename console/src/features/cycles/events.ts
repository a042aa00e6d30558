import type { CycleEventType, CycleState, Progress } from "./api/types";

/**
 * The events HR may send a cycle in each state, as the API's transitions allow them (rounds/cycle.py
 * TRANSITIONS), in the order the page offers them: what moves the round on first, cancelling last.
 */
export const EVENTS_BY_STATE: Record<CycleState, CycleEventType[]> = {
  draft: ["launch", "nominate", "cancel"],
  nominating: ["launch", "cancel"],
  open: ["remind", "extend", "close", "cancel"],
  closed: [],
  reported: ["release"],
  released: [],
  cancelled: [],
};

export function eventsFor(state: CycleState): CycleEventType[] {
  return EVENTS_BY_STATE[state] ?? [];
}

/** Raters' forms not yet submitted or declined: what a reminder is about, and what a close leaves unanswered. */
export function openForms(progress: Progress): number {
  return Math.max(0, progress.assignments - progress.submitted - progress.declined);
}

/** A response rate (0.625) as a whole percentage in the reader's language ("63 %" in Danish). */
export function percent(rate: number, language: string): string {
  return new Intl.NumberFormat(language === "da" ? "da-DK" : "en-GB", { style: "percent", maximumFractionDigits: 0 })
    .format(rate);
}
