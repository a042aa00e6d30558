import { useId, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-client";
import { useImportEmployees } from "../api/import-employees";
import type { ImportResult } from "../api/types";
import { changes, readImportFile, UnreadableFile, type ImportFile } from "../import-file";
import { ImportProblems } from "./import-problems";
import { ImportSummary } from "./import-summary";

/** Choose (or drop) a file, see the dry run's answer, then apply the same file for real. */
export function ImportPanel() {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<ImportFile | null>(null);
  const [unreadable, setUnreadable] = useState<UnreadableFile["reason"] | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const [dragging, setDragging] = useState(false);
  const sending = useImportEmployees();

  const check = (chosen: ImportFile) => {
    setChecked(null);
    setApplied(null);
    sending.reset();
    sending.mutate({ file: chosen, dryRun: true }, { onSuccess: setChecked });
  };

  const choose = async (picked: File | undefined) => {
    if (!picked) return;
    setUnreadable(null);
    try {
      const read = await readImportFile(picked);
      setFile(read);
      check(read);
    } catch (error) {
      setFile(null);
      setChecked(null);
      setApplied(null);
      sending.reset();
      if (error instanceof UnreadableFile) setUnreadable(error.reason);
      else throw error;
    }
  };

  const apply = () => {
    if (!file) return;
    sending.mutate(
      { file, dryRun: false },
      {
        onSuccess: (result) => {
          setChecked(null);
          setApplied(result);
        },
      },
    );
  };

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0]);
  };

  const failure = sending.error;
  const name = file?.name ?? "";
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("people.import.title")}</h2>
      <p className="hint" id={`${id}-hint`}>
        {t("people.import.hint")}
      </p>
      <div
        className={dragging ? "drop-zone dragging" : "drop-zone"}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <label htmlFor={`${id}-file`}>{t("people.import.choose")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            void choose(event.target.files?.[0]);
            event.target.value = ""; // choosing the same file again, corrected, checks it again
          }}
        />
        <p className="muted">{t("people.import.drop")}</p>
      </div>

      <div role="status" aria-live="polite">
        {sending.isPending && (
          <p>{t(sending.variables?.dryRun ? "people.import.checking" : "people.import.applying", { file: name })}</p>
        )}
        {applied && (
          <p className="done">
            {t("people.import.applied", {
              file: name,
              created: applied.created,
              updated: applied.updated,
              unchanged: applied.unchanged,
              stale: applied.stale,
            })}
          </p>
        )}
      </div>
      {unreadable && (
        <p role="alert" className="alert">
          {t(`people.import.unreadable.${unreadable}`)}
        </p>
      )}

      {failure && (
        <div role="alert">
          {failure instanceof ApiError && failure.status === 400 && failure.details.length > 0 ? (
            <ImportProblems file={name} problems={failure.details} />
          ) : (
            <div className="alert">
              <p>{t("people.import.failed", { file: name })}</p>
              <p>{t("app.error", { message: failure.message })}</p>
            </div>
          )}
        </div>
      )}

      {checked && (
        <div className="import-result">
          <h3>{t("people.import.wouldDo", { file: name })}</h3>
          <ImportSummary result={checked} />
          <p>{changes(checked) === 0 ? t("people.import.nothingToChange") : t("people.import.nothingSaved")}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={apply} disabled={sending.isPending}>
              {t("people.import.apply", { file: name })}
            </button>
            {file && (
              <button type="button" onClick={() => check(file)} disabled={sending.isPending}>
                {t("people.import.checkAgain")}
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
