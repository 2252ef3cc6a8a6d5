import { useState } from "react";
import { TOKEN_NAME_MAX_LENGTH } from "../../../shared/limits.js";
import { roles, type Role } from "../../../shared/roles.js";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { SelectField, TextField, type Choice } from "../../components/forms/Field.js";
import { useFocusOnMount } from "../../components/forms/useFocusOnMount.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useT } from "../../i18n.js";
import type { CreatedToken } from "../../types.js";

interface Props {
  organisations: Choice[];
  defaultOrganisationId: number | undefined;
  onCreated: (token: CreatedToken, name: string) => void;
  onCancel: () => void;
}

/** A new API token for a machine client, acting for one organisation in one role, optionally until a date. */
export function TokenForm({ organisations, defaultOrganisationId, onCreated, onCancel }: Props) {
  const t = useT();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useSubmit();
  const [name, setName] = useState("");
  const [organisationId, setOrganisationId] = useState(String(defaultOrganisationId ?? organisations[0]?.value ?? ""));
  const [role, setRole] = useState<Role>("viewer");
  const [expires, setExpires] = useState("");

  const save = async () => {
    // The token stays valid through the chosen day (end of day, Brussels time as the browser sees it).
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
    const created = await api.post<CreatedToken>("/api/tokens", { name: name.trim(), organisationId: Number(organisationId), role, expiresAt });
    onCreated(created, name.trim());
  };

  return (
    <section className="panel" aria-labelledby="token-form-title">
      <h2 id="token-form-title" ref={heading} tabIndex={-1}>
        {t("admin.tokens.createTitle")}
      </h2>
      <form className="form" noValidate onSubmit={form.onSubmit(save)}>
        <ErrorAlert error={form.error} shownFields={["name", "organisationId", "role", "expiresAt"]} />
        <div className="form-grid">
          <TextField
            label={t("common.name")}
            required
            maxLength={TOKEN_NAME_MAX_LENGTH}
            value={name}
            onChange={(e) => setName(e.target.value)}
            hint={t("admin.tokens.nameHint")}
            error={form.fieldError("name")}
          />
          <SelectField
            label={t("common.organisation")}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
            choices={organisations}
            error={form.fieldError("organisationId")}
          />
          <SelectField
            label={t("common.role")}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            choices={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            error={form.fieldError("role")}
          />
          <TextField
            label={t("admin.tokens.expiresAt")}
            type="date"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            hint={t("admin.tokens.expiresHint")}
            error={form.fieldError("expiresAt")}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={form.busy}>
            {t("common.create")}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}
