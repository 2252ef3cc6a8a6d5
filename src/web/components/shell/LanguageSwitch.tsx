import { useState } from "react";
import { locales, type Locale } from "../../../shared/locale.js";
import { useLocale } from "../../i18n.js";
import { useSession } from "../../session.js";
import { errorText } from "../forms/ErrorAlert.js";

/** FR / NL / EN: each button names its language in that language (`web.languageName.*`), and is pressed when current. */
export function LanguageSwitch() {
  const { locale, t } = useLocale();
  const { changeLocale } = useSession();
  const [error, setError] = useState<string | null>(null);
  const choose = async (next: Locale) => {
    setError(null);
    try {
      await changeLocale(next);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <div className="lang-switch" role="group" aria-label={t("app.language")}>
      {locales.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-button"
          aria-pressed={l === locale}
          title={t(`web.languageName.${l}`)}
          onClick={() => void choose(l)}
        >
          {l.toUpperCase()}
          <span className="visually-hidden" lang={l}>
            {" – "}
            {t(`web.languageName.${l}`)}
          </span>
        </button>
      ))}
      {error ? (
        <span role="alert" className="lang-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
