/**
 * CSV in the browser, for HR's tables: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark so that
 * Excel reads "Kjær" as written, and every text cell that a spreadsheet would take for a formula neutralised.
 *
 * A text that begins with `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheets skip
 * before reading one of those) is run as a formula when the file is opened: a department named
 * `=HYPERLINK("https://evil.example","Sales")` would become a link. Such a text gets a single quote in front,
 * which spreadsheets show as text (OWASP, "CSV Injection"). Numbers are Janus's own figures, never text from a
 * person, so a negative alpha stays the number -0.12.
 */

import { downloadBlob } from "../../lib/download";

export type CsvCell = string | number | null | undefined;
export type CsvTable = CsvCell[][];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const BYTE_ORDER_MARK = "\uFEFF";

/** A text as a spreadsheet will show it, never run it. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell as CSV: neutralised, then quoted if it holds a comma, a quote or a line break. */
export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  const text = typeof cell === "number" ? (Number.isFinite(cell) ? String(cell) : "") : neutralise(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text, each line ended by CRLF. */
export function toCsv(rows: CsvTable): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** The file: UTF-8, with the byte-order mark that tells Excel so. */
export function csvBlob(rows: CsvTable): Blob {
  return new Blob([BYTE_ORDER_MARK + toCsv(rows)], { type: "text/csv;charset=utf-8" });
}

/** A file name from a title: letters and digits kept (any language's), the rest one hyphen. */
export function csvFileName(...parts: string[]): string {
  const name = parts
    .join("-")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return `${name || "janus"}.csv`;
}

/** Save the rows as a CSV file, made in the browser: nothing is sent anywhere. */
export function downloadCsv(fileName: string, rows: CsvTable): void {
  downloadBlob(fileName, csvBlob(rows));
}
