import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorOf } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { bearerToken } from "../../../lib/auth";
import { authConfig } from "../../../lib/config";
import type { ImportFile } from "../import-file";
import { EMPLOYEES_KEY } from "./get-employees";
import type { ImportResult } from "./types";

/** PUT /employees with the file as it is (CSV or JSON); with `dryRun`, the API only says what it would do. */
export async function importEmployees(
  file: ImportFile,
  dryRun: boolean,
  fetcher: typeof fetch = (...a) => fetch(...a),
  token: () => Promise<string | null> = bearerToken,
): Promise<ImportResult> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Content-Type": file.kind === "csv" ? "text/csv; charset=utf-8" : "application/json",
  };
  const bearer = await token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const query = dryRun ? "?dry_run=true" : "";
  const response = await fetcher(`${authConfig.apiBase}/employees${query}`, { method: "PUT", headers, body: file.text });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as ImportResult;
}

export function useImportEmployees() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: ImportFile; dryRun: boolean }) => importEmployees(file, dryRun),
    onSuccess: (result) => {
      if (!result.dry_run) void refresh(queries, { queryKey: EMPLOYEES_KEY });
    },
  });
}
