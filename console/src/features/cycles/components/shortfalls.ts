import type { TFunction } from "i18next";
import type { Shortfall } from "../api/types";

/** Why a subject is short, in words: "2 of at least 3 peers; no manager". */
export function shortfallText(t: TFunction, shortfalls: Shortfall[]): string {
  return shortfalls
    .map((s) =>
      t("cycles.shortBy", {
        have: s.have,
        min: s.min,
        group: t(`cycles.groups.${s.relationship}`, { count: s.min, defaultValue: s.relationship }),
      }),
    )
    .join("; ");
}
