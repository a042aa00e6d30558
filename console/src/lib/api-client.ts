import { authConfig } from "./config";
import { bearerToken } from "./auth";

/** An answer the API refused, with its status and the error body's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The API answers 403 or 404 for what the caller may not see: the console shows both as "not found". */
  get isNotFound(): boolean {
    return this.status === 404 || this.status === 403;
  }
}

type TokenSource = () => Promise<string | null>;

export async function errorOf(response: Response): Promise<ApiError> {
  let code = "http_error";
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && typeof body.error === "object" && body.error) {
      code = String(body.error.code ?? code);
      message = String(body.error.message ?? message);
    }
  } catch {
    // Not JSON: the status says what went wrong.
  }
  return new ApiError(response.status, code, message);
}

export function createApiClient(token: TokenSource, base = "", fetcher: typeof fetch = (...a) => fetch(...a)) {
  async function request(path: string, accept: string, language?: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    const bearer = await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (language) headers["Accept-Language"] = language;
    const response = await fetcher(`${base}${path}`, { headers });
    if (!response.ok) throw await errorOf(response);
    return response;
  }
  return {
    async json<T>(path: string, language?: string): Promise<T> {
      return (await request(path, "application/json", language)).json() as Promise<T>;
    },
    async text(path: string, language?: string): Promise<string> {
      return (await request(path, "text/html", language)).text();
    },
  };
}

export const api = createApiClient(bearerToken, authConfig.apiBase);
