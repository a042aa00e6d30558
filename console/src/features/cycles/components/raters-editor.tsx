import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useReplaceRaters, useSubjectRaters } from "../api/raters";
import type { CycleKind, RaterEntry } from "../api/types";
import { shortfallText } from "./shortfalls";

const GROUPS: Record<CycleKind, string[]> = {
  self: [],
  "180": ["manager"],
  "360": ["peer", "direct_report", "other", "manager"],
};

type Props = { cycleId: string; kind: CycleKind; subjectId: string; subjectName: string };

/** A subject's raters before launch: take someone off, add a colleague by id, save the whole list. */
export function RatersEditor({ cycleId, kind, subjectId, subjectName }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const read = useSubjectRaters(cycleId, subjectId, true);
  const save = useReplaceRaters(cycleId, subjectId);
  const [edited, setEdited] = useState<RaterEntry[] | null>(null);
  const [adding, setAdding] = useState({ id: "", relationship: GROUPS[kind][0] ?? "peer" });
  const [already, setAlready] = useState<string | null>(null);

  if (read.isPending) return <p role="status">{t("app.loading")}</p>;
  if (read.isError) return <ErrorAlert error={read.error} />;
  const shown = save.data ?? read.data;
  const raters = edited ?? shown.raters;
  const label = (r: RaterEntry) =>
    `${r.name ?? r.id} (${t(`relationship.${r.relationship}`, { defaultValue: r.relationship })})`;

  function add(event: FormEvent) {
    event.preventDefault();
    const employee = adding.id.trim();
    const listed = raters.find((r) => r.id === employee);
    setAlready(listed ? (listed.name ?? listed.id) : null);
    if (!employee || listed) return;
    setEdited([...raters, { id: employee, name: null, relationship: adding.relationship }]);
    setAdding({ ...adding, id: "" });
  }

  function store() {
    save.mutate(
      raters.map((r) => ({ id: r.id, relationship: r.relationship })),
      { onSuccess: () => setEdited(null) },
    );
  }

  return (
    <div className="raters">
      {shown.shortfalls.length > 0 ? (
        <p>
          <strong>{t("cycles.shortNow")}</strong> {shortfallText(t, shown.shortfalls)}
        </p>
      ) : (
        <p>{t("cycles.enoughRaters")}</p>
      )}
      <ul className="items" aria-label={t("cycles.ratersOf", { name: subjectName })}>
        {raters.map((r) => (
          <li key={r.id} className="item rater">
            <span>{label(r)}</span>
            {r.relationship !== "self" && (
              <button type="button" onClick={() => setEdited(raters.filter((x) => x.id !== r.id))}>
                {t("cycles.removeRater", { name: r.name ?? r.id })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {GROUPS[kind].length > 0 && (
        <form onSubmit={add} aria-labelledby={`${id}-add`}>
          <h5 id={`${id}-add`}>{t("cycles.addRater")}</h5>
          <div className="field">
            <label htmlFor={`${id}-employee`}>{t("cycles.employeeId")}</label>
            <input
              id={`${id}-employee`}
              type="text"
              autoComplete="off"
              value={adding.id}
              onChange={(e) => setAdding({ ...adding, id: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-as`}>{t("cycles.asRelationship")}</label>
            <select
              id={`${id}-as`}
              value={adding.relationship}
              onChange={(e) => setAdding({ ...adding, relationship: e.target.value })}
            >
              {GROUPS[kind].map((group) => (
                <option key={group} value={group}>
                  {t(`relationship.${group}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t("cycles.addToList")}</button>
          <div role="status">{already && <p className="warning">{t("cycles.alreadyRater", { name: already })}</p>}</div>
        </form>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={store} disabled={edited === null || save.isPending}>
          {t("cycles.saveRaters", { name: subjectName })}
        </button>
      </div>
      <div role="status">{save.isSuccess && edited === null && <p className="done">{t("cycles.ratersSaved")}</p>}</div>
      {save.isError && <ErrorAlert error={save.error} fieldLabels={{ raters: t("cycles.raters") }} />}
    </div>
  );
}
