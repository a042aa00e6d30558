// Figures in the reader's language: "0.81" in English, "0,81" in Danish.
const LOCALES: Record<string, string> = { en: "en-GB", da: "da-DK" };

function localeOf(language: string): string {
  return LOCALES[language] ?? language;
}

/** A rate (0.775) as a percentage ("78%", "78 %"), or a dash when nobody was asked. */
export function formatRate(rate: number | null, language: string): string {
  if (rate == null) return "–";
  return new Intl.NumberFormat(localeOf(language), { style: "percent", maximumFractionDigits: 0 }).format(rate);
}

/** A figure with two decimals ("3.84", "0.81"), or a dash when there is none. */
export function formatFigure(value: number | null | undefined, language: string, digits = 2): string {
  if (value == null) return "–";
  return new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
