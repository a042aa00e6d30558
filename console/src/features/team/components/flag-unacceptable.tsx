import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { ApiError } from "../../../lib/api-client";
import { useFlagUnacceptable } from "../../escalations/api/flag-unacceptable";

type Props = { memberId: string; memberName: string };

/**
 * Marking a person's performance unacceptable opens an escalation case that HR is told of: a note is
 * required, and the manager confirms before anything is sent.
 */
export function FlagUnacceptable({ memberId, memberName }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const flag = useFlagUnacceptable();
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);
  const confirmation = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (confirming) confirmation.current?.focus();
  }, [confirming]);

  function review(event: FormEvent) {
    event.preventDefault();
    if (note.trim()) setConfirming(true);
  }

  function send() {
    flag.mutate({ employeeId: memberId, note: note.trim() }, { onSettled: () => setConfirming(false) });
  }

  // A case for this cause may already be open: the API names it, so the manager can go to it.
  const existing =
    flag.error instanceof ApiError && flag.error.status === 409 ? flag.error.detailsFor("case")[0]?.message : undefined;

  if (flag.isSuccess) {
    return (
      <p role="status" className="done">
        {t("team.flagged", { name: memberName })}{" "}
        <Link to={`/cases/${encodeURIComponent(flag.data.id)}`}>{t("team.openNewCase")}</Link>
      </p>
    );
  }

  return (
    <details className="disclosure">
      <summary>{t("team.flag", { name: memberName })}</summary>
      <form onSubmit={review}>
        <p>{t("team.flagExplain")}</p>
        <div className="field">
          <label htmlFor={`${id}-note`}>
            {t("team.flagNote", { name: memberName })} <span className="muted">{t("form.required")}</span>
          </label>
          <textarea
            id={`${id}-note`}
            required
            rows={4}
            value={note}
            readOnly={confirming}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {confirming ? (
          <div className="confirm">
            <p ref={confirmation} tabIndex={-1}>
              <strong>{t("team.flagConfirm", { name: memberName })}</strong>
            </p>
            <div className="actions">
              <button type="button" className="danger" onClick={send} disabled={flag.isPending}>
                {t("team.flagYes")}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t("team.flagBack")}
              </button>
            </div>
          </div>
        ) : (
          <button type="submit">{t("team.flagContinue")}</button>
        )}
        {flag.isError && (
          <>
            <ErrorAlert error={flag.error} fieldLabels={{ note: t("team.noteField"), case: t("team.caseField") }} />
            {existing && <Link to={`/cases/${encodeURIComponent(existing)}`}>{t("team.openExistingCase")}</Link>}
          </>
        )}
      </form>
    </details>
  );
}
