import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { importEmployees } from "./import-employees";

const CSV = { name: "people.csv", text: "id,name\ne1,Anna\n", kind: "csv" as const };

describe("importing employees", () => {
  it("sends the file as it is, as CSV, asking for a dry run", async () => {
    const fetcher = vi.fn(async () => new Response(JSON.stringify({ created: 1, dry_run: true }), { status: 200 }));
    const result = await importEmployees(CSV, true, fetcher, async () => "tok");
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/employees?dry_run=true");
    expect(init.method).toBe("PUT");
    expect(init.body).toBe(CSV.text);
    expect(init.headers).toMatchObject({ "Content-Type": "text/csv; charset=utf-8", Authorization: "Bearer tok" });
    expect(result.dry_run).toBe(true);
  });

  it("sends a JSON file as JSON, for real", async () => {
    const fetcher = vi.fn(async () => new Response("{}", { status: 200 }));
    await importEmployees({ name: "p.json", text: "[]", kind: "json" }, false, fetcher, async () => null);
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/employees");
    expect(init.headers).toMatchObject({ "Content-Type": "application/json" });
    expect(init.headers).not.toHaveProperty("Authorization");
  });

  it("turns a 400 into an error with every problem's row and field", async () => {
    const body = {
      error: {
        code: "invalid_input",
        message: "1 problem(s) in the employees; nothing was imported",
        details: [{ row: 2, field: "email", message: "'x' is not an e-mail address" }],
      },
    };
    const fetcher = vi.fn(async () => new Response(JSON.stringify(body), { status: 400 }));
    const failure = (await importEmployees(CSV, true, fetcher, async () => "t").catch((e: unknown) => e)) as ApiError;
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure.details).toEqual([{ row: 2, field: "email", message: "'x' is not an e-mail address" }]);
  });
});
