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

/** Tries of a creation (the first and its retries), and the pause before the first retry (doubled each time). */
export const CREATE_TRIES = 4;
export const RETRY_PAUSE_MS = 400;

/**
 * A fresh idempotency key: a random UUID (8 to 128 of A-Z a-z 0-9 . _ : -, as the API takes them). From
 * getRandomValues where randomUUID is missing (a page served over plain HTTP but localhost).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether a failed request may have gone unheard and is worth sending again: a 5xx or no answer at all. */
function mayRetry(error: unknown): boolean {
  return error instanceof ApiError ? error.status >= 500 : error instanceof TypeError;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

export function createApiClient(
  token: TokenSource,
  base = "",
  fetcher: typeof fetch = (...a) => fetch(...a),
  pause: (ms: number) => Promise<void> = wait,
) {
  async function request(
    path: string,
    init: { accept: string; language?: string; body?: unknown; method?: string; key?: string },
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: init.accept };
    const bearer = await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (init.language) headers["Accept-Language"] = init.language;
    if (init.key) headers["Idempotency-Key"] = init.key;
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
    /**
     * POST a JSON body that makes something (a goal, a check-in, a topic, a recognition...). One call is one user
     * action: it takes a fresh Idempotency-Key and sends that same key with each retry after a 5xx or a lost
     * connection, so that a retry of a creation that did happen, its answer lost, makes nothing more.
     */
    async create<T>(path: string, body: unknown, language?: string): Promise<T> {
      const key = newIdempotencyKey();
      for (let tries = 1; ; tries++) {
        try {
          return (await request(path, { accept: "application/json", language, body, key })).json() as Promise<T>;
        } catch (error) {
          if (tries >= CREATE_TRIES || !mayRetry(error)) throw error;
          await pause(RETRY_PAUSE_MS * 2 ** (tries - 1));
        }
      }
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
