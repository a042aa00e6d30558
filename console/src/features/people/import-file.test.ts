import { describe, expect, it } from "vitest";
import { kindOf, readImportFile, UnreadableFile } from "./import-file";

describe("a file to import", () => {
  it("is CSV or JSON by its name, else by its type", () => {
    expect(kindOf("people.CSV")).toBe("csv");
    expect(kindOf("people.json")).toBe("json");
    expect(kindOf("export", "text/csv")).toBe("csv");
    expect(kindOf("people.xlsx", "application/vnd.ms-excel")).toBeNull();
  });

  it("is read as text, whole", async () => {
    const file = new File(["id,name\ne1,Anna\n"], "people.csv", { type: "text/csv" });
    expect(await readImportFile(file)).toEqual({ name: "people.csv", text: "id,name\ne1,Anna\n", kind: "csv" });
  });

  it("is refused when it is of another kind or empty", async () => {
    const reasons = await Promise.all(
      [new File(["x"], "people.xlsx"), new File(["  \n"], "people.csv")].map((f) =>
        readImportFile(f).catch((error: UnreadableFile) => error.reason),
      ),
    );
    expect(reasons).toEqual(["kind", "empty"]);
  });
});
