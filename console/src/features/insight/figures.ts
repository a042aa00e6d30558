import type { TFunction } from "i18next";
import type { CsvTable } from "./csv";
import type { Analytics, HeatCell, Rate, RaterGroup } from "./api/types";

/** The rater groups in the order the reports show them. */
export const GROUPS: readonly RaterGroup[] = ["self", "manager", "peer", "direct_report", "other"];

/** From here up, a competency's six behaviours measure one thing (the usual reading of Cronbach's alpha). */
export const ALPHA_CONSISTENT = 0.7;
export const ALPHA_FAIR = 0.5;
/** ICC(1) of single raters: below the first, raters of one person barely agree; from the second, they agree well. */
export const ICC_TYPICAL = 0.2;
export const ICC_HIGH = 0.5;

export type DepartmentRates = { department: string; all: Rate; groups: Partial<Record<RaterGroup, Rate>> };
export type GroupRate = { group: RaterGroup; rate: Rate };
export type HeatRow = { department: string; cells: (HeatCell | null)[] };
export type HeatTable = { competencies: { id: string; name: string }[]; rows: HeatRow[] };
export type AlphaBand = "consistent" | "fair" | "inconsistent" | "unknown";
export type IccBand = "high" | "typical" | "low" | "unknown";

const byText = (a: string, b: string) => a.localeCompare(b);

/** The response rates of each department, by name. */
export function departmentRates(analytics: Analytics): DepartmentRates[] {
  return Object.entries(analytics.response_rates.by_department)
    .sort(([a], [b]) => byText(a, b))
    .map(([department, rates]) => ({ department, all: rates.all, groups: rates.by_group }));
}

/** The response rate of each rater group the cycle asked, in the reports' order. */
export function groupRates(analytics: Analytics): GroupRate[] {
  return GROUPS.flatMap((group) => {
    const rate = analytics.response_rates.by_group[group];
    return rate ? [{ group, rate }] : [];
  });
}

/** The heat map as a table: departments by name down, competencies by name across; null where nobody rated. */
export function heatTable(analytics: Analytics): HeatTable {
  const ids = new Set(Object.values(analytics.heat_map).flatMap((cells) => Object.keys(cells)));
  const competencies = [...ids]
    .map((id) => ({ id, name: analytics.competencies[id] ?? id }))
    .sort((a, b) => byText(a.name, b.name));
  const rows = Object.entries(analytics.heat_map)
    .sort(([a], [b]) => byText(a, b))
    .map(([department, cells]) => ({ department, cells: competencies.map((c) => cells[c.id] ?? null) }));
  return { competencies, rows };
}

/** A mean's shade in the heat map, 1 (lowest) to 5 (highest), by half points from 2.5 up. */
export function heatLevel(mean: number): 1 | 2 | 3 | 4 | 5 {
  if (mean < 2.5) return 1;
  if (mean < 3) return 2;
  if (mean < 3.5) return 3;
  if (mean < 4) return 4;
  return 5;
}

export function alphaBand(alpha: number | null | undefined): AlphaBand {
  if (alpha == null) return "unknown";
  if (alpha >= ALPHA_CONSISTENT) return "consistent";
  return alpha >= ALPHA_FAIR ? "fair" : "inconsistent";
}

export function iccBand(icc: number | null | undefined): IccBand {
  if (icc == null) return "unknown";
  if (icc >= ICC_HIGH) return "high";
  return icc >= ICC_TYPICAL ? "typical" : "low";
}

/** Cronbach's alpha of each competency, by name. */
export function alphas(analytics: Analytics): { id: string; name: string; alpha: number | null }[] {
  return Object.entries(analytics.instrument.cronbach_alpha)
    .map(([id, alpha]) => ({ id, name: analytics.competencies[id] ?? id, alpha }))
    .sort((a, b) => byText(a.name, b.name));
}

/** A rate as a percentage with one decimal (77.5), for a spreadsheet. */
export function percentOf(rate: number | null): number | null {
  return rate == null ? null : Math.round(rate * 1000) / 10;
}

// ---------------------------------------------------------------------------- the tables as CSV

export function responseRatesCsv(analytics: Analytics, t: TFunction): CsvTable {
  const header = [t("insight.csv.department"), t("insight.csv.group"), t("insight.csv.asked"), t("insight.csv.submitted"), t("insight.csv.rate")];
  const row = (department: string, group: string, rate: Rate) => [department, group, rate.asked, rate.submitted, percentOf(rate.rate)];
  const everyone = t("insight.csv.allGroups");
  return [
    header,
    ...departmentRates(analytics).flatMap((d) => [
      row(d.department, everyone, d.all),
      ...GROUPS.flatMap((g) => (d.groups[g] ? [row(d.department, t(`relationship.${g}`), d.groups[g]!)] : [])),
    ]),
    ...groupRates(analytics).map(({ group, rate }) => row(t("insight.csv.allDepartments"), t(`relationship.${group}`), rate)),
  ];
}

export function heatMapCsv(analytics: Analytics, t: TFunction): CsvTable {
  const table = heatTable(analytics);
  const cell = (found: HeatCell | null) => (found == null ? null : found.mean ?? t("insight.heat.tooFew"));
  return [
    [t("insight.csv.department"), ...table.competencies.map((c) => c.name)],
    ...table.rows.map((row) => [row.department, ...row.cells.map(cell)]),
  ];
}

export function instrumentCsv(analytics: Analytics, t: TFunction): CsvTable {
  return [
    [t("insight.csv.measure"), t("insight.csv.competency"), t("insight.csv.value"), t("insight.csv.reading")],
    ...alphas(analytics).map(({ name, alpha }) => [
      t("insight.alpha.name"),
      name,
      alpha,
      t(`insight.alpha.band.${alphaBand(alpha)}`),
    ]),
    [
      t("insight.icc.name"),
      t("insight.csv.allCompetencies"),
      analytics.instrument.rater_icc1,
      t(`insight.icc.band.${iccBand(analytics.instrument.rater_icc1)}`),
    ],
  ];
}
