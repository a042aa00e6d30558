// Deployed, the build is told Cognito's issuer and app client; locally the stack at this origin stands in.
export const authConfig = {
  authority: import.meta.env.VITE_AUTH_AUTHORITY || window.location.origin,
  clientId: import.meta.env.VITE_AUTH_CLIENT_ID || "janus-console",
  // Cognito's managed login signs out at its own domain's /logout, which discovery does not name.
  logoutUrl: import.meta.env.VITE_AUTH_LOGOUT_URL || `${window.location.origin}/logout`,
  apiBase: import.meta.env.VITE_API_BASE || "",
};
