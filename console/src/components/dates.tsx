import { useTranslation } from "react-i18next";
import { formatDay, formatDeadline, formatMoment } from "../lib/dates";

/** A deadline with its time zone named: the API's zone when it gives one, else the reader's. */
export function Deadline({ at, zone }: { at: string; zone?: string | null }) {
  const { i18n } = useTranslation();
  return <time dateTime={at}>{formatDeadline(at, i18n.language, zone)}</time>;
}

export function Day({ at, zone }: { at: string; zone?: string | null }) {
  const { i18n } = useTranslation();
  return <time dateTime={at}>{formatDay(at, i18n.language, zone)}</time>;
}

export function Moment({ at }: { at: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={at}>{formatMoment(at, i18n.language)}</time>;
}
