import type { TFunction } from "i18next";

/** Why a case opened, in words: a manager's flag, the others' overall rating, or one competency. */
export function causeWords(t: TFunction, cause: string): string {
  if (cause.startsWith("competency:")) return t("cause.competency", { competency: cause.slice("competency:".length) });
  return t(`cause.${cause}`, { defaultValue: cause });
}
