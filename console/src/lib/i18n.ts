import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import da from "../locales/da.json";
import en from "../locales/en.json";

export const languages = { en: "English", da: "Dansk" } as const;
export type Language = keyof typeof languages;
// An area's strings live beside the others in locales/<area>/<language>.json, under the key <area>.
const areaStrings = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json", { eager: true });

function withAreas(base: Record<string, unknown>, language: string): Record<string, unknown> {
  const tree: Record<string, unknown> = { ...base };
  for (const [path, strings] of Object.entries(areaStrings)) {
    const [, area, lang] = path.match(/locales\/([^/]+)\/([a-z]+)\.json$/) ?? [];
    if (lang !== language) continue;
    if (area in base) throw new Error(`locales/${area}/ clashes with the key '${area}' of locales/${language}.json`);
    tree[area] = strings.default;
  }
  return tree;
}

export const resources = {
  en: { translation: withAreas(en, "en") },
  da: { translation: withAreas(da, "da") },
};

const CHOSEN = "janus.language";

/** The console's language for a profile locale ("da", "da-DK", "en-GB"): Danish or English. */
export function languageOf(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith("da") ? "da" : "en";
}

/** The language the person chose here, else their profile's. */
export function preferredLanguage(profileLocale: string | null | undefined): Language {
  const chosen = window.localStorage.getItem(CHOSEN);
  return chosen && chosen in languages ? (chosen as Language) : languageOf(profileLocale);
}

export function chooseLanguage(language: Language): Promise<unknown> {
  window.localStorage.setItem(CHOSEN, language);
  return i18next.changeLanguage(language);
}

i18next.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

export const i18n = i18next.use(initReactI18next);
void i18n.init({
  resources,
  lng: preferredLanguage(null),
  fallbackLng: "en",
  interpolation: { escapeValue: false }, // React escapes
});
