import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-client";
import { useEmployeeName } from "../api/get-employee";

/** Who an employee id is: the name the settings gave, else the directory's (asked once), else that nobody is. */
export function PersonName({ id, known }: { id: string; known: Record<string, string> }) {
  const { t } = useTranslation();
  const looked = useEmployeeName(id, known);
  if (!id.trim()) return null;
  if (id in known) return <>{t("organisation.person", { name: known[id], id })}</>;
  if (looked.isPending) return <>{t("organisation.lookingUp", { id })}</>;
  if (looked.isError) {
    return <>{looked.error instanceof ApiError && looked.error.isNotFound ? t("organisation.noSuchEmployee", { id }) : looked.error.message}</>;
  }
  return (
    <>
      {t("organisation.person", { name: looked.data.name, id })}
      {!looked.data.active && ` ${t("organisation.inactive")}`}
    </>
  );
}
