import { describe, expect, it, vi } from "vitest";
import { ApiError, CREATE_TRIES, createApiClient } from "./api-client";

function answering(status: number, body: unknown) {
  return vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status }));
}

describe("the API client", () => {
  it("sends the signed-in person's token as a bearer token", async () => {
    const fetcher = answering(200, { ok: true });
    const client = createApiClient(async () => "the-token", "", fetcher);
    await client.json("/cycles");
    const [, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBe("Bearer the-token");
  });

  it("sends no Authorization header without a session", async () => {
    const fetcher = answering(200, {});
    await createApiClient(async () => null, "", fetcher).json("/cycles");
    const [, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).not.toHaveProperty("Authorization");
  });

  it("turns the API's error body into an error that reads as its message", async () => {
    const fetcher = answering(409, { error: { code: "conflict", message: "the cycle is closed" } });
    const failure = await createApiClient(async () => "t", "", fetcher)
      .json("/cycles/c1")
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).message).toBe("the cycle is closed");
    expect((failure as ApiError).code).toBe("conflict");
    expect((failure as ApiError).status).toBe(409);
  });

  it("treats forbidden and missing alike as not found", async () => {
    for (const status of [403, 404]) {
      const fetcher = answering(status, { error: { code: "forbidden", message: "no" } });
      const failure = (await createApiClient(async () => "t", "", fetcher)
        .text("/cycles/c1/reports/e2/html")
        .catch((error: unknown) => error)) as ApiError;
      expect(failure.isNotFound).toBe(true);
    }
  });

  it("says the status when the error body is not JSON", async () => {
    const fetcher = answering(502, "<html>bad gateway</html>");
    const failure = (await createApiClient(async () => "t", "", fetcher)
      .json("/x")
      .catch((error: unknown) => error)) as ApiError;
    expect(failure.message).toMatch(/^502/);
    expect(failure.code).toBe("http_error");
  });
});

describe("the API client's POST", () => {
  it("sends the body as JSON with the token and reads the answer", async () => {
    const fetcher = answering(201, { id: "case-1", state: "open" });
    const client = createApiClient(async () => "the-token", "https://api.example", fetcher);
    const answer = await client.post<{ id: string }>("/employees/e2/unacceptable", { note: "missed every deadline" });
    expect(answer.id).toBe("case-1");
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("https://api.example/employees/e2/unacceptable");
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ note: "missed every deadline" });
    const headers = init.headers as Record<string, string>;
    expect(headers["Content-Type"]).toBe("application/json");
    expect(headers.Authorization).toBe("Bearer the-token");
  });

  it("answers undefined when the API sends no body", async () => {
    const fetcher = vi.fn(async () => new Response(null, { status: 204 }));
    expect(await createApiClient(async () => "t", "", fetcher).post("/x", {})).toBeUndefined();
  });

  it("keeps the error's details, each with its field", async () => {
    const fetcher = answering(400, {
      error: {
        code: "invalid_input",
        message: "the plan is incomplete",
        details: [
          { field: "expectations", message: "is required" },
          { field: "review_dates[1]", message: "must be in the future" },
          { row: 3, message: "unknown manager" },
        ],
      },
    });
    const failure = (await createApiClient(async () => "t", "", fetcher)
      .post("/escalations/c1/events", { type: "plan" })
      .catch((error: unknown) => error)) as ApiError;
    expect(failure.message).toBe("the plan is incomplete");
    expect(failure.details).toHaveLength(3);
    expect(failure.detailsFor("expectations").map((d) => d.message)).toEqual(["is required"]);
    expect(failure.detailsFor("review_dates").map((d) => d.message)).toEqual(["must be in the future"]);
    expect(failure.details[2]).toEqual({ row: 3, message: "unknown manager" });
  });
});

describe("the API client's creations", () => {
  const noPause = async () => {};
  const keyOf = (call: unknown) => ((call as [string, RequestInit])[1].headers as Record<string, string>)["Idempotency-Key"];

  it("sends an idempotency key the API takes, a fresh one for each creation", async () => {
    const fetcher = answering(201, { id: "g-1" });
    const client = createApiClient(async () => "t", "", fetcher, noPause);
    expect(await client.create<{ id: string }>("/goals", { title: "Grow" })).toEqual({ id: "g-1" });
    await client.create("/goals", { title: "Grow" });
    const [first, second] = fetcher.mock.calls.map(keyOf);
    expect(first).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(second).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(second).not.toBe(first);
    expect((fetcher.mock.calls[0] as unknown as [string, RequestInit])[1].method).toBe("POST");
  });

  it("tries a creation again after a 5xx or a lost connection with the same key", async () => {
    const answers = [
      () => new Response(JSON.stringify({ error: { code: "internal", message: "oops" } }), { status: 500 }),
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => new Response(JSON.stringify({ id: "c-1" }), { status: 201 }),
    ];
    const fetcher = vi.fn(async () => answers.shift()!());
    const pauses: number[] = [];
    const client = createApiClient(async () => "t", "", fetcher, async (ms) => void pauses.push(ms));
    expect(await client.create<{ id: string }>("/check-ins", { employee_id: "e1" })).toEqual({ id: "c-1" });
    expect(fetcher).toHaveBeenCalledTimes(3);
    expect(new Set(fetcher.mock.calls.map(keyOf)).size).toBe(1);
    expect(pauses).toEqual([400, 800]);
  });

  it("does not try again what the API refused, and gives up after a few 5xx", async () => {
    const refused = answering(409, { error: { code: "conflict", message: "the check-in is completed" } });
    const failure = await createApiClient(async () => "t", "", refused, noPause)
      .create("/check-ins/c-1/topics", { text: "x" })
      .catch((error: unknown) => error);
    expect((failure as ApiError).status).toBe(409);
    expect(refused).toHaveBeenCalledTimes(1);

    const down = answering(503, "unavailable");
    const gaveUp = await createApiClient(async () => "t", "", down, noPause)
      .create("/recognitions", {})
      .catch((error: unknown) => error);
    expect((gaveUp as ApiError).status).toBe(503);
    expect(down).toHaveBeenCalledTimes(CREATE_TRIES);
  });

  it("sends no key with a plain POST", async () => {
    const fetcher = answering(200, {});
    await createApiClient(async () => "t", "", fetcher).post("/goals/g-1/progress", { value: 3 });
    expect(keyOf(fetcher.mock.calls[0])).toBeUndefined();
  });
});
