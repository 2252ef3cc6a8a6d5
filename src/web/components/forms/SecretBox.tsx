import { useState } from "react";
import { useT } from "../../i18n.js";
import { useFocusOnMount } from "./useFocusOnMount.js";

/** A secret shown once (one-time password, API token), with a copy button and the warning that it will not be shown again. */
export function SecretBox({ label, secret, hint, onDone }: { label: string; secret: string; hint?: string; onDone: () => void }) {
  const t = useT();
  const ref = useFocusOnMount<HTMLElement>();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="secret-box" aria-label={label} tabIndex={-1} ref={ref}>
      <p className="secret-label">{label}</p>
      <p>
        <code className="secret" data-testid="secret">
          {secret}
        </code>
      </p>
      <p className="field-hint">{hint ?? t("web.secret.onceHint")}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          {t("web.secret.copy")}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t("web.secret.done")}
        </button>
        <span role="status" className="muted">
          {copied === true ? t("web.secret.copied") : copied === false ? t("web.secret.copyFailed") : ""}
        </span>
      </div>
    </section>
  );
}
