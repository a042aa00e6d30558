import { useTranslation } from "react-i18next";
import type { Analytics } from "../api/types";
import { csvFileName } from "../csv";
import { ALPHA_CONSISTENT, alphaBand, alphas, iccBand, instrumentCsv } from "../figures";
import { formatFigure } from "../format";
import { Bars } from "./bars";
import { ChartFigure } from "./chart-figure";

/** How far the questionnaire can be trusted: Cronbach's alpha of each competency and the raters' ICC(1),
 * each with a plain sentence on what it means and how to read it. */
export function Instrument({ analytics }: { analytics: Analytics }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows = alphas(analytics);
  const icc = analytics.instrument.rater_icc1;
  const low = rows.filter((r) => alphaBand(r.alpha) === "inconsistent" || alphaBand(r.alpha) === "fair");
  const words = (alpha: number | null) => `${formatFigure(alpha, language)} · ${t(`insight.alpha.band.${alphaBand(alpha)}`)}`;
  const iccWords = `${formatFigure(icc, language)} · ${t(`insight.icc.band.${iccBand(icc)}`)}`;

  return (
    <ChartFigure
      id="instrument"
      title={t("insight.instrument.title")}
      intro={
        <>
          <p>{t("insight.alpha.explain", { threshold: formatFigure(ALPHA_CONSISTENT, language, 1) })}</p>
          <p>{t("insight.icc.explain")}</p>
        </>
      }
      summary={
        [
          low.length === 0
            ? t("insight.instrument.allConsistent")
            : t("insight.instrument.someBelow", { count: low.length, names: low.map((r) => r.name).join(", ") }),
          t("insight.instrument.iccSummary", { value: iccWords }),
        ].join(" ")
      }
      fileName={csvFileName(analytics.cycle.name, t("insight.instrument.file"))}
      csv={() => instrumentCsv(analytics, t)}
      chart={
        <>
          <h3>{t("insight.alpha.name")}</h3>
          <Bars
            label={t("insight.alpha.name")}
            marker={ALPHA_CONSISTENT}
            markerLabel={formatFigure(ALPHA_CONSISTENT, language, 1)}
            bars={rows.map((r) => ({ key: r.id, label: r.name, value: r.alpha, text: words(r.alpha) }))}
          />
          <p className="hint">{t("insight.alpha.marker", { threshold: formatFigure(ALPHA_CONSISTENT, language, 1) })}</p>
          <h3>{t("insight.icc.name")}</h3>
          <Bars label={t("insight.icc.name")} bars={[{ key: "icc", label: t("insight.icc.short"), value: icc, text: iccWords }]} />
        </>
      }
      table={
        <div className="table-scroll" role="region" aria-label={t("insight.tableOf", { title: t("insight.instrument.title") })} tabIndex={0}>
          <table className="figures">
            <thead>
              <tr>
                <th scope="col">{t("insight.csv.measure")}</th>
                <th scope="col">{t("insight.csv.competency")}</th>
                <th scope="col">{t("insight.csv.value")}</th>
                <th scope="col">{t("insight.csv.reading")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{t("insight.alpha.name")}</td>
                  <th scope="row">{r.name}</th>
                  <td>{formatFigure(r.alpha, language)}</td>
                  <td>{t(`insight.alpha.band.${alphaBand(r.alpha)}`)}</td>
                </tr>
              ))}
              <tr>
                <td>{t("insight.icc.name")}</td>
                <th scope="row">{t("insight.csv.allCompetencies")}</th>
                <td>{formatFigure(icc, language)}</td>
                <td>{t(`insight.icc.band.${iccBand(icc)}`)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      }
    />
  );
}
