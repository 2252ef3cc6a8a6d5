export const locales = ["fr", "nl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr";

/** Belgian conventions per language (dates dd/mm/yyyy, decimal comma for fr/nl). */
export const bcp47: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-BE" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Picks fr, nl or en from an Accept-Language header. */
export function localeFromHeader(header: string | undefined | null): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.find((r) => isLocale(r.lang))?.lang as Locale | undefined ?? defaultLocale;
}

/** Picks the name in the reader's language; English falls back to French, the region's first official label. */
export function localName(locale: Locale, names: { fr: string; nl: string; en?: string | null }): string {
  if (locale === "nl") return names.nl;
  if (locale === "en") return names.en || names.fr;
  return names.fr;
}

export function formatNumber(locale: Locale, value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(bcp47[locale], options).format(value);
}

export function formatDate(locale: Locale, value: Date | string, options: Intl.DateTimeFormatOptions = { day: "2-digit", month: "2-digit", year: "numeric" }): string {
  return new Intl.DateTimeFormat(bcp47[locale], { timeZone: "Europe/Brussels", ...options }).format(new Date(value));
}
