import type { ProblemDetail } from "../../../lib/api-client";
import { describedBy, FieldProblems } from "./field-problems";

type Props = {
  id: string;
  /** The API's name of the field, whose problems show under it ("escalation.plan_days"). */
  field: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  details: ProblemDetail[];
  inputMode?: "text" | "numeric" | "decimal";
  list?: string;
  readOnly?: boolean;
  multiline?: boolean;
  rows?: number;
};

/** A labelled text field with its hint and the API's problems about it. */
export function TextField({ id, field, label, hint, value, onChange, details, inputMode, list, readOnly, multiline, rows = 2 }: Props) {
  const described = describedBy(details, field, id, hint ? `${id}-hint` : undefined);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} {...described} />
      ) : (
        <input
          id={id}
          type="text"
          inputMode={inputMode}
          list={list}
          readOnly={readOnly}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...described}
        />
      )}
      <FieldProblems id={`${id}-problems`} details={details} field={field} />
    </div>
  );
}
