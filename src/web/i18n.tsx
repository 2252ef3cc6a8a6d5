import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { translator, type Translate } from "../shared/i18n/index.js";
import { defaultLocale, isLocale, type Locale } from "../shared/locale.js";

/** The chosen language, kept in a cookie (read by the server before sign-in) and in localStorage. */
const STORAGE_KEY = "vigil_lang";

function readCookie(name: string): string | undefined {
  const hit = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

function storedLocale(): Locale {
  const cookie = readCookie(STORAGE_KEY);
  if (isLocale(cookie)) return cookie;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage disabled: fall through
  }
  // The browser's language only when it is one of the region's (fr, nl); otherwise French, the region's first label.
  const preferred = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2).toLowerCase()).find((l) => l === "fr" || l === "nl");
  return isLocale(preferred) ? preferred : defaultLocale;
}

function rememberLocale(locale: Locale): void {
  document.cookie = `${STORAGE_KEY}=${locale}; path=/; max-age=${60 * 60 * 24 * 365}; SameSite=Lax`;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage disabled: the cookie is enough
  }
}

interface LocaleState {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((next: Locale) => setLocaleState(next), []);
  useEffect(() => {
    // The cookie also tells the server which language to answer in before sign-in.
    rememberLocale(locale);
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, t: translator(locale), setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error("useLocale outside LocaleProvider");
  return state;
}

/** Shortcut for components that only translate. */
export function useT(): Translate {
  return useLocale().t;
}
