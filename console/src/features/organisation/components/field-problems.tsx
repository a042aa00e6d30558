import type { ProblemDetail } from "../../../lib/api-client";
import { problemsAt } from "../form";

/** The API's problems about one field, under it (the field names this list in aria-describedby). */
export function FieldProblems({ id, details, field }: { id: string; details: ProblemDetail[]; field: string }) {
  const found = problemsAt(details, field);
  if (found.length === 0) return null;
  return (
    <ul id={id} className="field-problems">
      {found.map((problem, i) => (
        <li key={i}>{problem.message}</li>
      ))}
    </ul>
  );
}

/** aria-describedby and aria-invalid for a field: its hint, and its problems when there are some. */
export function describedBy(details: ProblemDetail[], field: string, id: string, hint?: string) {
  const invalid = problemsAt(details, field).length > 0;
  const ids = [hint, invalid ? `${id}-problems` : undefined].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": invalid || undefined };
}
