import { User, UserManager, WebStorageStateStore } from "oidc-client-ts";
import { authConfig } from "./config";

export type Profile = {
  employeeId: string;
  org: string;
  name: string;
  email: string;
  locale: string;
  groups: string[];
};

const origin = window.location.origin;

export const userManager = new UserManager({
  authority: authConfig.authority,
  client_id: authConfig.clientId,
  redirect_uri: `${origin}/callback`,
  post_logout_redirect_uri: `${origin}/`,
  response_type: "code",
  scope: "openid email profile",
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  automaticSilentRenew: false,
});

export async function currentUser(): Promise<User | null> {
  const user = await userManager.getUser();
  return user && !user.expired ? user : null;
}

/** Send the browser to sign in; it comes back to `returnTo` through the callback page. */
export function signIn(returnTo: string): Promise<void> {
  return userManager.signinRedirect({ state: { returnTo } });
}

/** Finish the sign-in on the callback page: the path to go back to. */
export async function completeSignIn(): Promise<string> {
  const user = await userManager.signinRedirectCallback();
  const state = user.state as { returnTo?: string } | undefined;
  const returnTo = state?.returnTo ?? "/";
  return returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
}

export async function signOut(): Promise<void> {
  await userManager.removeUser();
  const url = new URL(authConfig.logoutUrl);
  url.searchParams.set("client_id", authConfig.clientId);
  url.searchParams.set("logout_uri", `${origin}/`);
  window.location.assign(url.toString());
}

/** The token the API's authorizer reads: Cognito's REST authorizer without scopes takes the ID token. */
export async function bearerToken(): Promise<string | null> {
  return (await currentUser())?.id_token ?? null;
}

export function profileOf(user: User): Profile {
  const claims = user.profile as Record<string, unknown>;
  const groups = claims["cognito:groups"];
  return {
    employeeId: String(claims["custom:employee_id"] ?? claims.sub),
    org: String(claims["custom:org"] ?? ""),
    name: String(claims.name ?? claims.email ?? claims.sub),
    email: String(claims.email ?? ""),
    locale: String(claims.locale ?? "en"),
    groups: Array.isArray(groups) ? groups.map(String) : [],
  };
}
