import { formatNumber } from "../../../shared/locale.js";
import { formatDateTime } from "../../format.js";
import { useLocale } from "../../i18n.js";

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One audit entry's changes, field by field: before -> after. */
export function AuditDiff({ diff }: { diff: Record<string, [unknown, unknown]> }) {
  const { locale, t } = useLocale();
  const fields = Object.entries(diff ?? {});
  if (!fields.length) return <span className="muted">{t("admin.audit.noChanges")}</span>;
  const show = (value: unknown) => {
    if (value === null || value === undefined) return <span className="diff-empty">{t("admin.audit.empty")}</span>;
    if (typeof value === "boolean") return t(value ? "common.yes" : "common.no");
    if (typeof value === "number") return formatNumber(locale, value);
    if (typeof value === "string") return ISO_DATE_TIME.test(value) ? <time dateTime={value}>{formatDateTime(locale, value, true)}</time> : value;
    return <code>{JSON.stringify(value)}</code>;
  };
  return (
    <dl className="diff">
      {fields.map(([field, pair]) => {
        const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
        return (
          <div key={field} className="diff-row">
            <dt>
              <code>{field}</code>
            </dt>
            <dd>
              <span className="diff-before">
                <span className="visually-hidden">{t("admin.audit.before")} </span>
                {show(before)}
              </span>
              <span aria-hidden="true" className="diff-arrow">
                {" → "}
              </span>
              <span className="diff-after">
                <span className="visually-hidden"> {t("admin.audit.after")} </span>
                {show(after)}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
