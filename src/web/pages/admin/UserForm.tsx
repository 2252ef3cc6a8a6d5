import { useState } from "react";
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from "../../../shared/limits.js";
import { locales } from "../../../shared/locale.js";
import { roles, type Role } from "../../../shared/roles.js";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { CheckboxField, SelectField, TextField, type Choice } from "../../components/forms/Field.js";
import { useFocusOnMount } from "../../components/forms/useFocusOnMount.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useLocale } from "../../i18n.js";
import type { OneTimePassword, User } from "../../types.js";

interface Props {
  existing: User | null;
  organisations: Choice[];
  defaultOrganisationId: number | undefined;
  onCreated: (result: OneTimePassword, email: string) => void;
  onUpdated: (user: User) => void;
  onCancel: () => void;
}

const FIELDS = ["email", "displayName", "organisationId", "role", "locale", "active"];

/** Create an account (the server makes a one-time password) or change its name, organisation, role, language, status. */
export function UserForm({ existing, organisations, defaultOrganisationId, onCreated, onUpdated, onCancel }: Props) {
  const { locale, t } = useLocale();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useSubmit();
  const initial = {
    email: existing?.email ?? "",
    displayName: existing?.displayName ?? "",
    organisationId: String(existing?.organisation.id ?? defaultOrganisationId ?? organisations[0]?.value ?? ""),
    role: existing?.role ?? ("viewer" as Role),
    locale: existing?.locale ?? locale,
    active: existing?.active ?? true,
  };
  const [values, setValues] = useState(initial);
  const set = <K extends keyof typeof initial>(key: K, value: (typeof initial)[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    if (!existing) {
      const body = { email: values.email.trim(), displayName: values.displayName, organisationId: Number(values.organisationId), role: values.role, locale: values.locale };
      onCreated(await api.post<OneTimePassword>("/api/users", body), body.email);
      return;
    }
    const body: Record<string, unknown> = {};
    if (values.displayName !== initial.displayName) body.displayName = values.displayName;
    if (values.organisationId !== initial.organisationId) body.organisationId = Number(values.organisationId);
    if (values.role !== initial.role) body.role = values.role;
    if (values.locale !== initial.locale) body.locale = values.locale;
    if (values.active !== initial.active) body.active = values.active;
    onUpdated(Object.keys(body).length ? await api.patch<User>(`/api/users/${existing.id}`, body) : existing);
  };

  return (
    <section className="panel" aria-labelledby="user-form-title">
      <h2 id="user-form-title" ref={heading} tabIndex={-1}>
        {existing ? t("admin.users.editTitle", { name: existing.displayName }) : t("admin.users.createTitle")}
      </h2>
      <form className="form" noValidate onSubmit={form.onSubmit(save)}>
        <ErrorAlert error={form.error} shownFields={FIELDS} />
        <div className="form-grid">
          {existing ? null : (
            <TextField
              label={t("auth.email")}
              type="email"
              autoComplete="off"
              required
              maxLength={EMAIL_MAX_LENGTH}
              value={values.email}
              onChange={(e) => set("email", e.target.value)}
              error={form.fieldError("email")}
            />
          )}
          <TextField
            label={t("common.name")}
            required
            maxLength={NAME_MAX_LENGTH}
            value={values.displayName}
            onChange={(e) => set("displayName", e.target.value)}
            error={form.fieldError("displayName")}
          />
          <SelectField
            label={t("common.organisation")}
            value={values.organisationId}
            onChange={(e) => set("organisationId", e.target.value)}
            choices={organisations}
            error={form.fieldError("organisationId")}
          />
          <SelectField
            label={t("common.role")}
            value={values.role}
            onChange={(e) => set("role", e.target.value as Role)}
            choices={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            error={form.fieldError("role")}
          />
          <SelectField
            label={t("app.language")}
            value={values.locale}
            onChange={(e) => set("locale", e.target.value as typeof values.locale)}
            choices={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            error={form.fieldError("locale")}
          />
        </div>
        {existing ? (
          <CheckboxField label={t("common.active")} checked={values.active} onChange={(e) => set("active", e.target.checked)} error={form.fieldError("active")} />
        ) : (
          <p className="field-hint">{t("admin.users.oneTimeHint")}</p>
        )}
        <div className="button-row">
          <button type="submit" className="button" disabled={form.busy}>
            {existing ? t("common.save") : t("common.create")}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}
