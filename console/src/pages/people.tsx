import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useSearchParams } from "react-router-dom";
import { ErrorAlert } from "../components/error-alert";
import { NotFoundMessage } from "../components/not-found-message";
import { useEmployees } from "../features/people/api/get-employees";
import { ImportPanel } from "../features/people/components/import-panel";
import { PeopleList } from "../features/people/components/people-list";
import { PeopleSearchForm } from "../features/people/components/people-search";
import { back, forward, isSearching, paramsOf, searchFrom, trailOf, type PeopleSearch } from "../features/people/search";
import { ApiError } from "../lib/api-client";

/** HR's people: import a file (dry run first), then the organisation, searched and a page at a time. */
export function PeoplePage() {
  const { t } = useTranslation();
  const id = useId();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const search = searchFrom(params);
  const page = params.get("page");
  const trail = trailOf(location.state);
  const people = useEmployees(search, page);

  const go = (to: PeopleSearch, at: string | null, state = { previous: [] as string[] }) =>
    navigate({ search: paramsOf(to, at).toString() }, { state });

  if (people.isError && people.error instanceof ApiError && people.error.isNotFound) {
    return <NotFoundMessage title={t("notFound.title")} text={t("notFound.text")} />;
  }
  const found = people.data?.employees ?? [];
  const next = people.data?.next ?? null;
  return (
    <>
      <h1>{t("people.title")}</h1>
      <p>{t("people.intro")}</p>
      <ImportPanel />
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t("people.list.title")}</h2>
        <PeopleSearchForm key={paramsOf(search).toString()} search={search} onSearch={(to) => go(to, null)} />
        {people.isError && <ErrorAlert error={people.error} fieldLabels={{ q: t("people.list.name") }} />}
        <p role="status" aria-live="polite">
          {people.isPending
            ? t("people.list.loading")
            : people.isSuccess && found.length === 0
              ? next
                ? t("people.list.noMatchYet")
                : isSearching(search)
                  ? t("people.list.noMatch")
                  : page
                    ? ""
                    : t("people.list.none")
              : people.isSuccess
                ? t("people.list.shown", { count: found.length })
                : ""}
        </p>
        {found.length > 0 && <PeopleList people={found} />}
        {(trail.previous.length > 0 || next) && (
          <nav aria-label={t("people.list.pages")} className="actions">
            {trail.previous.length > 0 && (
              <button
                type="button"
                onClick={() => {
                  const to = back(trail);
                  go(search, to.page, to.trail);
                }}
              >
                {t("people.list.previous")}
              </button>
            )}
            {next && (
              <button type="button" onClick={() => go(search, next, forward(trail, page))} disabled={people.isFetching}>
                {t("people.list.next")}
              </button>
            )}
          </nav>
        )}
      </section>
    </>
  );
}

export default PeoplePage;
