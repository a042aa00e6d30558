import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router-dom";
import { signOut } from "../lib/auth";
import { chooseLanguage, languages, type Language } from "../lib/i18n";
import { useProfile } from "./session";

export function Layout() {
  const { t, i18n } = useTranslation();
  const profile = useProfile();
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
          <Link to="/">{t("app.home")}</Link>
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
        <Outlet />
      </main>
    </>
  );
}
