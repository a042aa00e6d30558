import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-client";
import { useEmployeeName } from "../api/get-employee";

/** The value once it has stopped changing for ``delay`` ms: an id is looked up when HR stops typing it. */
function useSettled(value: string, delay = 400): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** Who an employee id is: the name the settings gave, else the directory's (asked once HR stops typing), else
 * that nobody is. */
export function PersonName({ id, known }: { id: string; known: Record<string, string> }) {
  const { t } = useTranslation();
  const wanted = id.trim();
  const settled = useSettled(wanted);
  const looked = useEmployeeName(settled === wanted ? settled : "", known);
  if (!wanted) return null;
  if (wanted in known) return <>{t("organisation.person", { name: known[wanted], id: wanted })}</>;
  if (settled !== wanted || looked.isPending) return <>{t("organisation.lookingUp", { id: wanted })}</>;
  if (looked.isError) {
    const gone = looked.error instanceof ApiError && looked.error.isNotFound;
    return <>{gone ? t("organisation.noSuchEmployee", { id: wanted }) : looked.error.message}</>;
  }
  return (
    <>
      {t("organisation.person", { name: looked.data.name, id: wanted })}
      {!looked.data.active && ` ${t("organisation.inactive")}`}
    </>
  );
}
