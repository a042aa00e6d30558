import type { Nomination } from "./api/types";

/** The ids to propose: the ticked candidates, then any typed ids (commas or spaces between), each once. */
export function peersToPropose(ticked: readonly string[], typed: string): string[] {
  const written = typed.split(/[\s,;]+/).filter(Boolean);
  return [...new Set([...ticked, ...written])];
}

/** Peers the subject has or has asked for: peer raters (approved proposals among them) and pending proposals. */
export function peersCounted(nomination: Pick<Nomination, "raters" | "proposals">): number {
  const raters = nomination.raters.filter((r) => r.relationship === "peer").length;
  return raters + nomination.proposals.filter((p) => p.status === "proposed").length;
}
