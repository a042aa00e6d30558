import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { useCases } from "../api/get-cases";
import { CaseRow } from "../components/case-row";
import { departmentsIn, filterSearch, STATE_CHOICES, stateChoiceOf, type StateChoice } from "../filters";

/** HR's cases: every case not closed unless another state is chosen, of one department or all, newest first,
 * a page at a time. The filter lives in the page's address, so a filtered list can be kept or shared. */
export function CasesPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const state = stateChoiceOf(search.get("state"));
  const department = search.get("department") ?? "";
  const cases = useCases({ states: STATE_CHOICES[state], department });
  const [chosenState, setChosenState] = useState<StateChoice>(state);
  const [typed, setTyped] = useState(department);

  const listed = cases.data?.pages.flatMap((page) => page.cases) ?? [];
  const names = Object.assign({}, ...(cases.data?.pages.map((page) => page.names) ?? [])) as Record<string, string>;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate({ search: filterSearch(chosenState, typed) });
  };

  return (
    <>
      <h1>{t("casework.title")}</h1>
      <p>{t("casework.intro")}</p>
      <form className="card filters" role="search" aria-label={t("casework.filter")} onSubmit={apply}>
        <div className="field">
          <label htmlFor="case-state">{t("casework.state")}</label>
          <select id="case-state" value={chosenState} onChange={(e) => setChosenState(stateChoiceOf(e.target.value))}>
            {(Object.keys(STATE_CHOICES) as StateChoice[]).map((choice) => (
              <option key={choice} value={choice}>
                {t(`casework.states.${choice}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="case-department">{t("casework.department")}</label>
          <p className="hint" id="case-department-hint">
            {t("casework.departmentHint")}
          </p>
          <input
            id="case-department"
            type="text"
            list="case-departments"
            value={typed}
            aria-describedby="case-department-hint"
            onChange={(e) => setTyped(e.target.value)}
          />
          <datalist id="case-departments">
            {departmentsIn(listed).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t("casework.apply")}
          </button>
        </div>
      </form>
      <section aria-labelledby="cases-title" className="card">
        <h2 id="cases-title">
          {t("casework.results", {
            state: t(`casework.states.${state}`),
            department: department || t("casework.everyDepartment"),
          })}
        </h2>
        {cases.isPending ? (
          <p role="status">{t("app.loading")}</p>
        ) : cases.isError ? (
          <ErrorAlert error={cases.error} />
        ) : (
          <>
            {listed.length > 0 && (
              <ul className="items">
                {listed.map((found) => (
                  <CaseRow key={found.id} found={found} names={names} />
                ))}
              </ul>
            )}
            <p role="status">
              {listed.length === 0 && !cases.hasNextPage
                ? t("casework.none")
                : cases.hasNextPage
                  ? t("casework.shownMore", { count: listed.length })
                  : t("casework.shownAll", { count: listed.length })}
            </p>
            {cases.hasNextPage && (
              <button type="button" onClick={() => void cases.fetchNextPage()} disabled={cases.isFetchingNextPage}>
                {cases.isFetchingNextPage ? t("app.loading") : t("casework.more")}
              </button>
            )}
            <p className="hint">{t("casework.olderCases")}</p>
          </>
        )}
      </section>
    </>
  );
}

export default CasesPage;
