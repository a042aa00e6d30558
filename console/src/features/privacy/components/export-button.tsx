import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { api } from "../../../lib/api-client";
import { downloadBlob } from "../../../lib/download";

/** HR's export of everything Janus holds about one employee, saved as a JSON file (GET /employees/{id}/export).
 * The export is recorded in the audit log as a read of their records. */
export function ExportButton({ employeeId, name }: { employeeId: string; name: string }) {
  const { t } = useTranslation();
  const exported = useMutation({
    mutationFn: () => api.json<unknown>(`/employees/${encodeURIComponent(employeeId)}/export`),
    onSuccess: (document) => {
      const blob = new Blob([JSON.stringify(document, null, 2)], { type: "application/json" });
      downloadBlob(`janus-export-${employeeId}.json`, blob);
    },
  });
  return (
    <>
      <p className="hint">{t("privacy.exportHint", { name })}</p>
      <button type="button" onClick={() => exported.mutate()} disabled={exported.isPending}>
        {exported.isPending ? t("privacy.exporting") : t("privacy.export", { name })}
      </button>
      <p role="status">{exported.isSuccess && t("privacy.exported")}</p>
      {exported.isError && <ErrorAlert error={exported.error} />}
    </>
  );
}
