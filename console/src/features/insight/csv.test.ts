import { describe, expect, it } from "vitest";
import { csvBlob, csvCell, csvFileName, neutralise, toCsv } from "./csv";

/** The blob's bytes (jsdom's Blob has no arrayBuffer(); its FileReader reads one). */
function bytesOf(blob: Blob): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve([...new Uint8Array(reader.result as ArrayBuffer)]);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

describe("CSV cells", () => {
  it("leaves plain text and numbers as they are", () => {
    expect(csvCell("Sales")).toBe("Sales");
    expect(csvCell(0.775)).toBe("0.775");
    expect(csvCell(31)).toBe("31");
    expect(csvCell("Mette Kjær")).toBe("Mette Kjær");
  });

  it("writes nothing for a missing value", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("quotes a cell with a comma, a quote or a line break, doubling its quotes", () => {
    expect(csvCell("R&D, Copenhagen")).toBe('"R&D, Copenhagen"');
    expect(csvCell('The "A" team')).toBe('"The ""A"" team"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
  });
});

describe("formula injection", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+45 12 34 56 78", "'+45 12 34 56 78"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=cmd", "'\t=cmd"],
    ["\r=cmd", "'\r=cmd"],
  ])("neutralises %j as text", (text, shown) => {
    expect(neutralise(text)).toBe(shown);
  });

  it("neutralises before quoting, so the quote is inside the quoted cell", () => {
    expect(csvCell('=HYPERLINK("https://evil.example","Sales")')).toBe(
      '"\'=HYPERLINK(""https://evil.example"",""Sales"")"',
    );
    expect(csvCell("\r=1+1")).toBe("\"'\r=1+1\"");
    expect(csvCell("=1,2")).toBe("\"'=1,2\"");
  });

  it("leaves a text that only contains those characters later alone", () => {
    expect(csvCell("Sales = revenue")).toBe("Sales = revenue");
    expect(csvCell("R&D @ Aarhus")).toBe("R&D @ Aarhus");
    expect(csvCell(" =1+1")).toBe(" =1+1");
  });

  it("keeps Janus's own numbers as numbers, negative ones too", () => {
    expect(csvCell(-0.12)).toBe("-0.12");
  });
});

describe("a CSV file", () => {
  it("ends every line with CRLF", () => {
    expect(
      toCsv([
        ["Department", "Rate"],
        ["Sales", 0.5],
      ]),
    ).toBe("Department,Rate\r\nSales,0.5\r\n");
  });

  it("is UTF-8 with a byte-order mark, for Excel", async () => {
    const blob = csvBlob([["Kjær"]]);
    expect(blob.type).toBe("text/csv;charset=utf-8");
    const bytes = await bytesOf(blob);
    expect(bytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(new Uint8Array(bytes.slice(3)))).toBe("Kjær\r\n");
  });

  it("is named after its title without characters a file system refuses", () => {
    expect(csvFileName("Forår 360", "heat map")).toBe("forår-360-heat-map.csv");
    expect(csvFileName("a/b\\c:d")).toBe("a-b-c-d.csv");
    expect(csvFileName("///")).toBe("janus.csv");
  });
});
