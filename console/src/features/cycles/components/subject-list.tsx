import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useMoreSubjects } from "../api/get-subjects";
import type { Cycle, SubjectRow, SubjectsPage } from "../api/types";
import { RatersEditor } from "./raters-editor";
import { shortfallText } from "./shortfalls";
import { SubjectForms } from "./subject-forms";

const EDITABLE = new Set(["draft", "nominating"]);

/** One subject: who they are, how many raters, why they are short; opened, their raters (editable before launch). */
function SubjectItem({ cycle, subject }: { cycle: Cycle; subject: SubjectRow }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const editable = EDITABLE.has(cycle.state);
  return (
    <li className="item">
      <p className="item-title">{subject.name}</p>
      <p className="muted">
        {[subject.department, t("cycles.raterCount", { count: subject.raters })].filter(Boolean).join(" · ")}
      </p>
      {subject.shortfalls.length > 0 && (
        <p>
          <strong>{t("cycles.shortBecause")}</strong> {shortfallText(t, subject.shortfalls)}
        </p>
      )}
      <details className="disclosure" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          {editable
            ? t("cycles.changeRaters", { name: subject.name })
            : t("cycles.showForms", { name: subject.name })}
        </summary>
        {open &&
          (editable ? (
            <RatersEditor cycleId={cycle.id} kind={cycle.kind} subjectId={subject.id} subjectName={subject.name} />
          ) : (
            <SubjectForms cycleId={cycle.id} subjectId={subject.id} />
          ))}
      </details>
    </li>
  );
}

type Props = { cycle: Cycle; first: SubjectsPage; title: string; short?: boolean; empty: string };

/** A list of the cycle's subjects: the first page came with the cycle's page, more on request. */
export function SubjectList({ cycle, first, title, short = false, empty }: Props) {
  const { t } = useTranslation();
  const more = useMoreSubjects(cycle.id, first, short);
  const subjects = [...first.subjects, ...(more.data?.pages.flatMap((p) => p.subjects) ?? [])];
  const hasMore = more.data ? more.hasNextPage : first.next !== null;
  const id = short ? "short-title" : "subjects-title";
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{title}</h2>
      {subjects.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="items">
          {subjects.map((s) => (
            <SubjectItem key={s.id} cycle={cycle} subject={s} />
          ))}
        </ul>
      )}
      {hasMore && (
        <button
          type="button"
          onClick={() => void (more.data ? more.fetchNextPage() : more.refetch())}
          disabled={more.isFetching}
        >
          {t("cycles.showMore")}
        </button>
      )}
      {more.isError && <ErrorAlert error={more.error} />}
    </section>
  );
}
