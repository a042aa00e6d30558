import { errorOf } from "../../../lib/api-client";
import { bearerToken } from "../../../lib/auth";
import { authConfig } from "../../../lib/config";

/**
 * A PUT with a JSON body (the shared client posts; replacing a subject's raters is a PUT), with the
 * same bearer token and error shape as every other call.
 */
export async function putJson<T>(path: string, body: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Content-Type": "application/json" };
  const bearer = await bearerToken();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(`${authConfig.apiBase}${path}`, { method: "PUT", headers, body: JSON.stringify(body) });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}
