// Janus writes British English ("organisation"), so English dates read day-month-year.
const LOCALES: Record<string, string> = { en: "en-GB", da: "da-DK" };

function localeOf(language: string): string {
  return LOCALES[language] ?? language;
}

function parsed(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A moment with its time zone named, in the reader's language ("31 March 2027 at 23:59 Central European
 * Summer Time"). Without a zone from the API it is the reader's own, still named.
 */
export function formatDeadline(iso: string, language: string, timeZone?: string | null): string {
  const date = parsed(iso);
  if (!date) return iso;
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "long",
  };
  try {
    return new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    // An unknown zone name: the reader's own zone, still named.
    return new Intl.DateTimeFormat(localeOf(language), options).format(date);
  }
}

/** A day ("31 March 2027"), for plans, reviews and history where the hour does not matter. */
export function formatDay(iso: string, language: string, timeZone?: string | null): string {
  const date = parsed(iso);
  if (!date) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: "long" };
  try {
    return new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat(localeOf(language), options).format(date);
  }
}

/** A moment in the reader's zone, short ("31 Mar 2027, 14:05"), for a case's history. */
export function formatMoment(iso: string, language: string): string {
  const date = parsed(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/**
 * A date input's day ("2027-01-31") as the end of that day in the reader's zone, with its UTC offset
 * ("2027-01-31T23:59:00+01:00"): the API takes review dates as moments with an offset.
 */
export function endOfDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const moment = new Date(year, month - 1, date, 23, 59, 0);
  const offset = -moment.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  return `${day}T23:59:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** Today in the reader's zone as a date input's value ("2027-01-31"). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
