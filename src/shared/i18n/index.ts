import i18next, { type i18n } from "i18next";
import ICU from "i18next-icu";
import { defaultLocale, locales, type Locale } from "../locale.js";
import en from "./en.json" with { type: "json" };
import fr from "./fr.json" with { type: "json" };
import nl from "./nl.json" with { type: "json" };

/** The three catalogs: one per language, same keys (a test checks it). Shared by server, web, PDF and CLI. */
export const catalogs = { fr, nl, en } as const;

let instance: i18n | undefined;

/** One i18next instance with ICU message format (plurals, selects, number formats). */
export function i18n(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  created.use(ICU).init({
    resources: Object.fromEntries(locales.map((l) => [l, { translation: catalogs[l] }])),
    lng: defaultLocale,
    fallbackLng: false,
    supportedLngs: [...locales],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  } as Parameters<i18n["init"]>[0]);
  instance = created;
  return created;
}

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function translator(locale: Locale): Translate {
  const fixed = i18n().getFixedT(locale);
  return (key, params) => fixed(key, params ?? {}) as string;
}

export function hasKey(locale: Locale, key: string): boolean {
  return i18n().exists(key, { lng: locale });
}
