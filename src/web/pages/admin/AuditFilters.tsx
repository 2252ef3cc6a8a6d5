import { useState } from "react";
import { AUDIT_PAGE_MAX } from "../../../shared/limits.js";
import { SelectField, TextField } from "../../components/forms/Field.js";
import { useT } from "../../i18n.js";

export interface AuditFilter {
  entityType: string;
  action: string;
  from: string;
  to: string;
  limit: number;
}

export const noFilter: AuditFilter = { entityType: "", action: "", from: "", to: "", limit: 100 };

/** Entity types written so far; other modules add theirs (the field also accepts any value). */
const knownEntityTypes = ["organisation", "user", "api_token"];

/** The audit log's filters, applied on submit. */
export function AuditFilters({ value, onApply }: { value: AuditFilter; onApply: (filter: AuditFilter) => void }) {
  const t = useT();
  const [draft, setDraft] = useState(value);
  const set = <K extends keyof AuditFilter>(key: K, v: AuditFilter[K]) => setDraft((d) => ({ ...d, [key]: v }));
  return (
    <form
      className="card audit-filters"
      role="search"
      aria-label={t("admin.audit.filters")}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <div className="form-grid">
        <TextField label={t("admin.audit.entityType")} list="audit-entity-types" value={draft.entityType} onChange={(e) => set("entityType", e.target.value.trim())} maxLength={64} />
        <datalist id="audit-entity-types">
          {knownEntityTypes.map((e) => (
            <option key={e} value={e}>
              {t(`admin.audit.entityTypes.${e}`)}
            </option>
          ))}
        </datalist>
        <TextField label={t("admin.audit.action")} value={draft.action} onChange={(e) => set("action", e.target.value.trim())} maxLength={64} hint={t("admin.audit.actionHint")} />
        <TextField label={t("admin.audit.from")} type="date" value={draft.from} onChange={(e) => set("from", e.target.value)} />
        <TextField label={t("admin.audit.to")} type="date" value={draft.to} onChange={(e) => set("to", e.target.value)} />
        <SelectField
          label={t("admin.audit.limit")}
          value={String(draft.limit)}
          onChange={(e) => set("limit", Number(e.target.value))}
          choices={[50, 100, 200, AUDIT_PAGE_MAX].map((n) => ({ value: String(n), label: String(n) }))}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setDraft(noFilter);
            onApply(noFilter);
          }}
        >
          {t("admin.audit.clear")}
        </button>
      </div>
    </form>
  );
}
