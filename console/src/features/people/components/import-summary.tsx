import { useTranslation } from "react-i18next";
import type { ImportResult } from "../api/types";

const SHOWN_ROWS = 200; // a file of thousands shows the first rows that change; the counts say the rest

/** The counts of a dry run (or an import), and the rows that change, on request. */
export function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const changing = result.rows.filter((r) => r.status !== "unchanged");
  return (
    <>
      <dl className="facts counts">
        {(["created", "updated", "unchanged", "stale"] as const).map((kind) => (
          <div key={kind}>
            <dt>{t(`people.counts.${kind}`)}</dt>
            <dd>{result[kind]}</dd>
          </div>
        ))}
      </dl>
      {changing.length > 0 && (
        <details className="disclosure">
          <summary>{t("people.import.eachRow", { count: changing.length })}</summary>
          <table className="rows-table">
            <thead>
              <tr>
                <th scope="col">{t("people.import.row")}</th>
                <th scope="col">{t("people.import.id")}</th>
                <th scope="col">{t("people.import.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {changing.slice(0, SHOWN_ROWS).map((row) => (
                <tr key={row.row}>
                  <td>{row.row}</td>
                  <td>{row.id}</td>
                  <td>{t(`people.status.${row.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {changing.length > SHOWN_ROWS && <p>{t("people.import.moreRows", { count: changing.length - SHOWN_ROWS })}</p>}
        </details>
      )}
    </>
  );
}
