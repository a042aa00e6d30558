import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { downloadCsv, type CsvTable } from "../csv";

type Props = {
  id: string;
  title: string;
  /** Plain sentences on how to read the figure, shown above it. */
  intro?: ReactNode;
  /** What the figure says, in one or two sentences: its text alternative, shown to everyone. */
  summary: string;
  chart: ReactNode;
  /** The same figures as a data table, for a screen reader or a closer look (left out when the chart is one). */
  table?: ReactNode;
  csv: () => CsvTable;
  fileName: string;
};

/** One of HR's figures: a title, how to read it, what it says, the chart (or its table) and its CSV. */
export function ChartFigure({ id, title, intro, summary, chart, table, csv, fileName }: Props) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const [saved, setSaved] = useState("");
  return (
    <section aria-labelledby={`${id}-title`} className="card figure">
      <h2 id={`${id}-title`}>{title}</h2>
      {intro}
      <p className="figure-summary">{summary}</p>
      <div className="actions no-print">
        {table && (
          <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
            {t("insight.showTable")}
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            downloadCsv(fileName, csv());
            setSaved(fileName);
          }}
        >
          {t("insight.downloadCsv")}
        </button>
      </div>
      <p role="status" className="hint">
        {saved && t("insight.csvSaved", { file: saved })}
      </p>
      {asTable && table ? table : chart}
    </section>
  );
}
