import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet } from "react-router-dom";
import { useRoles } from "../features/people/roles";
import { navFor } from "../lib/areas";
import { signOut } from "../lib/auth";
import { chooseLanguage, languages, type Language } from "../lib/i18n";
import { useProfile } from "./session";

export function Layout() {
  const { t, i18n } = useTranslation();
  const profile = useProfile();
  const roles = useRoles();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header no-print">
        <nav aria-label={t("app.name")}>
          <Link to="/" className="brand">
            {t("app.name")}
          </Link>
          <NavLink to="/" end>
            {t("app.home")}
          </NavLink>
          {navFor(roles).map((entry) => (
            <NavLink key={entry.to} to={entry.to} end={entry.end}>
              {t(entry.label)}
            </NavLink>
          ))}
        </nav>
        <div className="account">
          <label>
            {t("app.language")}{" "}
            <select value={i18n.language} onChange={(e) => void chooseLanguage(e.target.value as Language)}>
              {Object.entries(languages).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <span className="who">{t("app.signedInAs", { name: profile.name })}</span>
          <button type="button" onClick={() => void signOut()}>
            {t("app.signOut")}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
