import type { Finding } from "../api/types";

/** The findings about one field, read out as they change (the field names this list in aria-describedby). */
export function FindingsList({ id, findings }: { id: string; findings: Finding[] }) {
  return (
    <ul id={id} className="findings" aria-live="polite">
      {findings.map((finding, n) => (
        <li key={`${finding.code}-${n}`}>{finding.message}</li>
      ))}
    </ul>
  );
}
