import { useT } from "../../i18n.js";

/** The buttons under a form: submit (disabled while it is being sent) and, when `onCancel` is given, cancel. */
export function FormButtons({ submitLabel, busy, onCancel }: { submitLabel: string; busy: boolean; onCancel?: () => void }) {
  const t = useT();
  return (
    <div className="button-row">
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      ) : null}
    </div>
  );
}
