import { useTranslation } from "react-i18next";
import type { Analytics, Rate } from "../api/types";
import { csvFileName } from "../csv";
import { departmentRates, groupRates, GROUPS, responseRatesCsv } from "../figures";
import { formatRate } from "../format";
import { Bars } from "./bars";
import { ChartFigure } from "./chart-figure";

/** Who answered: the response rate of each department and of each rater group, as bars or a table. */
export function ResponseRates({ analytics }: { analytics: Analytics }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const departments = departmentRates(analytics);
  const groups = groupRates(analytics);
  const shown = GROUPS.filter((g) => groups.some((r) => r.group === g));
  const words = (rate: Rate) =>
    t("insight.rates.value", { rate: formatRate(rate.rate, language), submitted: rate.submitted, asked: rate.asked });
  const ranked = [...departments].filter((d) => d.all.rate != null).sort((a, b) => b.all.rate! - a.all.rate!);
  const asked = departments.reduce((sum, d) => sum + d.all.asked, 0);
  const submitted = departments.reduce((sum, d) => sum + d.all.submitted, 0);
  const overall = t("insight.rates.overall", { rate: formatRate(asked ? submitted / asked : null, language), submitted, asked });
  const spread =
    ranked.length > 1
      ? t("insight.rates.spread", {
          highest: ranked[0].department,
          highRate: formatRate(ranked[0].all.rate, language),
          lowest: ranked[ranked.length - 1].department,
          lowRate: formatRate(ranked[ranked.length - 1].all.rate, language),
        })
      : "";
  const cell = (rate: Rate | undefined) => (rate ? words(rate) : "–");

  return (
    <ChartFigure
      id="rates"
      title={t("insight.rates.title")}
      summary={`${overall} ${spread}`.trim()}
      fileName={csvFileName(analytics.cycle.name, t("insight.rates.file"))}
      csv={() => responseRatesCsv(analytics, t)}
      chart={
        <>
          <h3>{t("insight.rates.byDepartment")}</h3>
          <Bars
            label={t("insight.rates.byDepartment")}
            bars={departments.map((d) => ({ key: d.department, label: d.department, value: d.all.rate, text: words(d.all) }))}
          />
          <h3>{t("insight.rates.byGroup")}</h3>
          <Bars
            label={t("insight.rates.byGroup")}
            bars={groups.map(({ group, rate }) => ({ key: group, label: t(`relationship.${group}`), value: rate.rate, text: words(rate) }))}
          />
        </>
      }
      table={
        <div className="table-scroll" role="region" aria-label={t("insight.tableOf", { title: t("insight.rates.title") })} tabIndex={0}>
          <table className="figures">
            <thead>
              <tr>
                <th scope="col">{t("insight.csv.department")}</th>
                <th scope="col">{t("insight.csv.allGroups")}</th>
                {shown.map((g) => (
                  <th key={g} scope="col">
                    {t(`relationship.${g}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr key={d.department}>
                  <th scope="row">{d.department}</th>
                  <td>{cell(d.all)}</td>
                  {shown.map((g) => (
                    <td key={g}>{cell(d.groups[g])}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t("insight.csv.allDepartments")}</th>
                <td>{cell({ asked, submitted, rate: asked ? submitted / asked : null })}</td>
                {shown.map((g) => (
                  <td key={g}>{cell(analytics.response_rates.by_group[g])}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      }
    />
  );
}
