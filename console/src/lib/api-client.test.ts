import { describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient } from "./api-client";

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
