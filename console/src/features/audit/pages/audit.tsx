import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { Moment } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import { useAudit, type AuditQuery, type AuditRead } from "../api/get-audit";

/** Where a read's record opens in the console, when it has a page there. */
function recordPath(read: AuditRead): string | null {
  if (read.record === "report") return `/reports/${encodeURIComponent(read.ref)}/${encodeURIComponent(read.person)}`;
  if (read.record === "case") return `/cases/${encodeURIComponent(read.ref)}`;
  if (read.record === "review") return `/my-reviews/${encodeURIComponent(read.ref)}`;
  if (read.record === "development_plan") return `/my-development?employee=${encodeURIComponent(read.person)}`;
  return null;
}

function queryOf(search: URLSearchParams): AuditQuery | null {
  const person = search.get("person")?.trim();
  const reader = search.get("reader")?.trim();
  if (person && !reader) return { by: "person", id: person };
  if (reader && !person) return { by: "reader", id: reader };
  return null;
}

/** HR's audit log: who read one person's report or case, or what one person read of others', newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const query = queryOf(search);
  if (query === null) {
    return (
      <>
        <h1>{t("audit.title")}</h1>
        <p>{t("audit.how")}</p>
        <p>
          <Link to="/people">{t("audit.toPeople")}</Link>
        </p>
      </>
    );
  }
  return <AuditList query={query} />;
}

function AuditList({ query }: { query: AuditQuery }) {
  const { t } = useTranslation();
  const audit = useAudit(query);
  const reads = audit.data?.pages.flatMap((page) => page.reads) ?? [];
  const names = Object.assign({}, ...(audit.data?.pages.map((page) => page.names) ?? [])) as Record<string, string>;
  const name = (id: string) => names[id] ?? id;
  const title = query.by === "person" ? t("audit.ofPerson", { name: name(query.id) }) : t("audit.byReader", { name: name(query.id) });

  return (
    <>
      <p>
        <Link to={`/people/${encodeURIComponent(query.id)}`}>{t("audit.back", { name: name(query.id) })}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t(query.by === "person" ? "audit.introPerson" : "audit.introReader")}</p>
      {audit.isPending ? (
        <p role="status">{t("app.loading")}</p>
      ) : audit.isError ? (
        <ErrorAlert error={audit.error} />
      ) : (
        <section aria-labelledby="audit-reads" className="card">
          <h2 id="audit-reads">{t("audit.reads")}</h2>
          {reads.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-reads">
              <table className="figures">
                <thead>
                  <tr>
                    <th scope="col">{t("audit.when")}</th>
                    <th scope="col">{query.by === "person" ? t("audit.reader") : t("audit.person")}</th>
                    <th scope="col">{t("audit.record")}</th>
                  </tr>
                </thead>
                <tbody>
                  {reads.map((read) => {
                    const other = query.by === "person" ? read.reader : read.person;
                    const path = recordPath(read);
                    const what = t(`audit.records.${read.record}`);
                    return (
                      <tr key={`${read.at}-${read.person}-${read.reader}-${read.ref}`}>
                        <td>
                          <Moment at={read.at} />
                        </td>
                        <td>
                          <Link to={`/people/${encodeURIComponent(other)}`}>{name(other)}</Link>
                        </td>
                        <td>{path ? <Link to={path}>{what}</Link> : what}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <p role="status">
            {reads.length === 0
              ? t("audit.none")
              : audit.hasNextPage
                ? t("audit.shownMore", { count: reads.length })
                : t("audit.shownAll", { count: reads.length })}
          </p>
          {audit.hasNextPage && (
            <button type="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
              {audit.isFetchingNextPage ? t("app.loading") : t("audit.more")}
            </button>
          )}
          <p className="hint">{t("audit.kept")}</p>
        </section>
      )}
    </>
  );
}

export default AuditPage;
