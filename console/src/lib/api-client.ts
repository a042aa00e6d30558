import { authConfig } from "./config";
import { bearerToken } from "./auth";

/** One thing the API found wrong with a request: where (field, row) and what. */
export type ProblemDetail = { message: string; field?: string; row?: number };

/** An answer the API refused, with its status and the error body's code, message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ProblemDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The API answers 403 or 404 for what the caller may not see: the console shows both as "not found". */
  get isNotFound(): boolean {
    return this.status === 404 || this.status === 403;
  }

  /** The details about one field of the body sent (also "field[0]" for an item of a list). */
  detailsFor(field: string): ProblemDetail[] {
    return this.details.filter((d) => d.field === field || d.field?.startsWith(`${field}[`));
  }
}

type TokenSource = () => Promise<string | null>;

function detailsOf(raw: unknown): ProblemDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((d): d is Record<string, unknown> => typeof d === "object" && d !== null && "message" in d)
    .map((d) => ({
      message: String(d.message),
      ...(d.field != null ? { field: String(d.field) } : {}),
      ...(typeof d.row === "number" ? { row: d.row } : {}),
    }));
}

export async function errorOf(response: Response): Promise<ApiError> {
  let code = "http_error";
  let message = `${response.status} ${response.statusText}`.trim();
  let details: ProblemDetail[] = [];
  try {
    const body = await response.json();
    if (body && typeof body.error === "object" && body.error) {
      code = String(body.error.code ?? code);
      message = String(body.error.message ?? message);
      details = detailsOf(body.error.details);
    }
  } catch {
    // Not JSON: the status says what went wrong.
  }
  return new ApiError(response.status, code, message, details);
}

export function createApiClient(token: TokenSource, base = "", fetcher: typeof fetch = (...a) => fetch(...a)) {
  async function request(
    path: string,
    init: { accept: string; language?: string; body?: unknown; method?: string },
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: init.accept };
    const bearer = await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (init.language) headers["Accept-Language"] = init.language;
    const sent: RequestInit = { headers };
    if (init.body !== undefined) {
      headers["Content-Type"] = "application/json";
      sent.method = init.method ?? "POST";
      sent.body = JSON.stringify(init.body);
    }
    const response = await fetcher(`${base}${path}`, sent);
    if (!response.ok) throw await errorOf(response);
    return response;
  }
  return {
    async json<T>(path: string, language?: string): Promise<T> {
      return (await request(path, { accept: "application/json", language })).json() as Promise<T>;
    },
    async text(path: string, language?: string): Promise<string> {
      return (await request(path, { accept: "text/html", language })).text();
    },
    /** POST a JSON body; the answer's JSON, or undefined when it has no body. */
    async post<T>(path: string, body: unknown, language?: string): Promise<T> {
      const text = await (await request(path, { accept: "application/json", language, body })).text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    /** PUT a JSON body (the whole of what it replaces, a draft); the answer's JSON. */
    async put<T>(path: string, body: unknown, language?: string): Promise<T> {
      return (await request(path, { accept: "application/json", language, body, method: "PUT" })).json() as Promise<T>;
    },
    /** PATCH a JSON body (the fields to change); the answer's JSON. */
    async patch<T>(path: string, body: unknown, language?: string): Promise<T> {
      return (await request(path, { accept: "application/json", language, body, method: "PATCH" })).json() as Promise<T>;
    },
  };
}

export const api = createApiClient(bearerToken, authConfig.apiBase);
