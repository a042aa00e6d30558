import { Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation } from "react-router-dom";
import { useRoles } from "../features/people/roles";
import { navFor, navGroups } from "../lib/areas";
import { signOut } from "../lib/auth";
import { chooseLanguage, languages, type Language } from "../lib/i18n";
import { useProfile } from "./session";

export function Layout() {
  const { t, i18n } = useTranslation();
  const profile = useProfile();
  const roles = useRoles();
  const groups = navGroups(navFor(roles));
  const named = groups.length > 1; // an employee's links need no group names
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]); // a link followed folds the menu again
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
          {/* On a phone the links fold behind this button; on a wider screen it is not shown. */}
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={open}
            aria-controls="site-links"
            onClick={() => setOpen(!open)}
          >
            {t("app.menu")}
          </button>
          <div id="site-links" className={open ? "nav-groups open" : "nav-groups"}>
            {groups.map(([group, entries], n) => (
              <div
                key={group}
                className="nav-group"
                role={named ? "group" : undefined}
                aria-labelledby={named ? `nav-group-${group}` : undefined}
              >
                {named && (
                  <span className="nav-group-name" id={`nav-group-${group}`}>
                    {t(`app.navGroup.${group}`)}
                  </span>
                )}
                <ul>
                  {n === 0 && (
                    <li>
                      <NavLink to="/" end onClick={() => setOpen(false)}>
                        {t("app.home")}
                      </NavLink>
                    </li>
                  )}
                  {entries.map((entry) => (
                    <li key={entry.to}>
                      <NavLink to={entry.to} end={entry.end} onClick={() => setOpen(false)}>
                        {t(entry.label)}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
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
