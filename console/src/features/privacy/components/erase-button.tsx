import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { api } from "../../../lib/api-client";
import { refresh } from "../../../lib/query-client";
import { EMPLOYEES_KEY } from "../../people/api/get-employees";

interface Erasure {
  employee_id: string;
  state: "erasing" | "erased";
}

/** HR's erasure of someone who has left (POST /employees/{id}/erasure): asked only after HR types the person's
 * id, since it cannot be undone. Janus refuses it, saying why, while anything still runs around the person. */
export function EraseButton({ employeeId, name }: { employeeId: string; name: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const queries = useQueryClient();
  const erased = useMutation({
    mutationFn: () => api.post<Erasure>(`/employees/${encodeURIComponent(employeeId)}/erasure`, {}),
    onSuccess: () => refresh(queries, { queryKey: EMPLOYEES_KEY }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim() === employeeId) erased.mutate();
  };
  if (erased.isSuccess) return <p role="status">{t("privacy.erasing", { name })}</p>;
  return (
    <div className="erase">
      <p className="hint">{t("privacy.eraseHint", { name })}</p>
      {!asking ? (
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          {t("privacy.erase", { name })}
        </button>
      ) : (
        <form onSubmit={submit}>
          <label htmlFor={`${id}-confirm`}>{t("privacy.eraseConfirm", { id: employeeId })}</label>
          <input id={`${id}-confirm`} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
          <button type="submit" className="danger" disabled={typed.trim() !== employeeId || erased.isPending}>
            {erased.isPending ? t("privacy.erasingNow") : t("privacy.eraseNow")}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t("privacy.eraseCancel")}
          </button>
        </form>
      )}
      {erased.isError && <ErrorAlert error={erased.error} />}
    </div>
  );
}
