import type { TFunction } from "i18next";
import type { EscalationCase } from "./api/types";

/** Who an id in a case is, in words: their name, "Janus" for the clock's steps, "HR" for no one in particular. */
export function personIn(found: Pick<EscalationCase, "names">, t: TFunction, who: string | null | undefined): string {
  if (!who) return t("cases.hr");
  if (who === "system") return t("cases.system");
  return found.names?.[who] ?? who;
}
