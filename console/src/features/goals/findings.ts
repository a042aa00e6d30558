import type { Finding } from "./api/types";

/** Findings by the field they are about ("key_results[1].title" stays whole), and those about none. */
export function findingsByField(findings: Finding[]): Map<string, Finding[]> {
  const found = new Map<string, Finding[]>();
  for (const finding of findings) {
    const field = finding.field ?? "";
    found.set(field, [...(found.get(field) ?? []), finding]);
  }
  return found;
}

/** A share from 0 to 1 as a whole percentage, or none. */
export function percent(share: number | null): number | null {
  return share == null ? null : Math.round(share * 100);
}
