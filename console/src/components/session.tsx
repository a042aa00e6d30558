import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router-dom";
import { currentUser, profileOf, signIn, type Profile } from "../lib/auth";
import { i18n, preferredLanguage } from "../lib/i18n";

const SessionContext = createContext<Profile | null>(null);

/** The signed-in person; only inside <RequireSession>. */
export function useProfile(): Profile {
  const profile = useContext(SessionContext);
  if (!profile) throw new Error("useProfile outside a session");
  return profile;
}

/** Gives its children a signed-in person (RequireSession does, once signed in; tests do directly). */
export function SessionProvider({ profile, children }: { profile: Profile; children: ReactNode }) {
  return <SessionContext.Provider value={profile}>{children}</SessionContext.Provider>;
}

/** Its children see a signed-in person: without a session, the browser goes to sign in and comes back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const user = useQuery({ queryKey: ["session"], queryFn: currentUser, staleTime: Infinity });
  const profile = user.data ? profileOf(user.data) : null;

  useEffect(() => {
    if (user.isSuccess && !user.data) void signIn(location.pathname + location.search + location.hash);
  }, [user.isSuccess, user.data, location]);

  // The pages render in the reader's language from the start: a page whose data depends on the language
  // (the report) then asks the API once, not once in the default language and again in theirs.
  const language = profile ? preferredLanguage(profile.locale) : null;
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language]);

  if (!profile || i18n.language !== language) return <p role="status">{t("app.signingIn")}</p>;
  return <SessionProvider profile={profile}>{children}</SessionProvider>;
}
