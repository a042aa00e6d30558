import { useTranslation } from "react-i18next";
import type { Analytics } from "../api/types";
import { csvFileName } from "../csv";
import { heatLevel, heatMapCsv, heatTable } from "../figures";
import { formatFigure } from "../format";
import { ChartFigure } from "./chart-figure";

const LEVELS = [1, 2, 3, 4, 5] as const;

/** The competencies by department: each cell the mean of what others rated, its shade repeating its number;
 * a cell under the threshold says so instead of a number. */
export function HeatMap({ analytics }: { analytics: Analytics }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const table = heatTable(analytics);
  const hidden = table.rows.reduce((n, row) => n + row.cells.filter((c) => c && c.mean == null).length, 0);
  const ranges = [t("insight.heat.below", { value: formatFigure(2.5, language, 1) })].concat(
    [2.5, 3, 3.5].map((low) =>
      t("insight.heat.range", { low: formatFigure(low, language, 1), high: formatFigure(low + 0.5, language, 1) }),
    ),
    [t("insight.heat.from", { value: formatFigure(4, language, 1) })],
  );

  return (
    <ChartFigure
      id="heat"
      title={t("insight.heat.title")}
      intro={<p>{t("insight.heat.intro", { threshold: analytics.threshold })}</p>}
      summary={
        table.rows.length === 0
          ? t("insight.heat.empty")
          : t("insight.heat.summary", { departments: table.rows.length, competencies: table.competencies.length, count: hidden })
      }
      fileName={csvFileName(analytics.cycle.name, t("insight.heat.file"))}
      csv={() => heatMapCsv(analytics, t)}
      chart={
        <>
          <div className="table-scroll" role="region" aria-label={t("insight.tableOf", { title: t("insight.heat.title") })} tabIndex={0}>
            <table className="figures heat-map">
              <thead>
                <tr>
                  <th scope="col">{t("insight.csv.department")}</th>
                  {table.competencies.map((c) => (
                    <th key={c.id} scope="col">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row.department}>
                    <th scope="row">{row.department}</th>
                    {row.cells.map((cell, i) =>
                      cell == null ? (
                        <td key={table.competencies[i].id} className="heat heat-none">
                          {t("insight.heat.none")}
                        </td>
                      ) : cell.mean == null ? (
                        <td key={table.competencies[i].id} className="heat heat-hidden">
                          <span className="heat-mean">{t("insight.heat.tooFew")}</span>
                        </td>
                      ) : (
                        <td key={table.competencies[i].id} className={`heat heat-${heatLevel(cell.mean)}`}>
                          <span className="heat-mean">{formatFigure(cell.mean, language)}</span>
                          <span className="heat-raters">{t("insight.heat.raters", { count: cell.raters })}</span>
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="legend" aria-label={t("insight.heat.legend")}>
            {LEVELS.map((level, i) => (
              <li key={level}>
                <span className={`swatch heat-${level}`} aria-hidden="true" />
                {ranges[i]}
              </li>
            ))}
            <li>
              <span className="swatch heat-hidden" aria-hidden="true" />
              {t("insight.heat.tooFewLegend", { threshold: analytics.threshold })}
            </li>
          </ul>
        </>
      }
    />
  );
}
