export type Bar = {
  key: string;
  label: string;
  /** From 0 to 1: the bar's length (a negative value draws none; its text says it). */
  value: number | null;
  /** The value in words and figures, always shown: the bar only repeats it. */
  text: string;
};

/** Horizontal bars, each with its label and its value as text; ``marker`` draws a line at that value (0-1). */
export function Bars({ bars, label, marker, markerLabel }: { bars: Bar[]; label: string; marker?: number; markerLabel?: string }) {
  return (
    <ul className="bars" aria-label={label}>
      {bars.map((bar) => (
        <li key={bar.key} className="bar-row">
          <span className="bar-label">{bar.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(1, bar.value ?? 0)) * 100}%` }} />
            {marker != null && <span className="bar-marker" style={{ left: `${marker * 100}%` }} title={markerLabel} />}
          </span>
          <span className="bar-value">{bar.text}</span>
        </li>
      ))}
    </ul>
  );
}
