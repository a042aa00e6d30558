import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { JOB_CLASSES } from "../job-classes";
import { NO_SEARCH, type PeopleSearch } from "../search";

type Props = { search: PeopleSearch; onSearch: (search: PeopleSearch) => void };

/** The list's search: the start of a name, a department, a manager's id and a job class, together. */
export function PeopleSearchForm({ search, onSearch }: Props) {
  const { t } = useTranslation();
  const id = useId();
  // The page gives the form a new key when the address changes (Back, a link), so the draft follows it.
  const [draft, setDraft] = useState(search);
  const set = (field: keyof PeopleSearch) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  return (
    <form role="search" aria-label={t("people.list.search")} className="people-search" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t("people.list.name")}</label>
        <input id={`${id}-q`} type="search" value={draft.q} onChange={set("q")} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-department`}>{t("people.list.department")}</label>
        <input id={`${id}-department`} type="text" value={draft.department} onChange={set("department")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-manager`}>{t("people.list.manager")}</label>
        <input id={`${id}-manager`} type="text" value={draft.manager} onChange={set("manager")} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-job`}>{t("people.list.jobClass")}</label>
        <select id={`${id}-job`} value={draft.job_class} onChange={set("job_class")}>
          <option value="">{t("people.list.anyJobClass")}</option>
          {JOB_CLASSES.map((job) => (
            <option key={job} value={job}>
              {t(`jobClass.${job}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t("people.list.submit")}
        </button>
        <button type="button" onClick={() => onSearch(NO_SEARCH)}>
          {t("people.list.clear")}
        </button>
      </div>
    </form>
  );
}
