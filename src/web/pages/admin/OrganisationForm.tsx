import { useState } from "react";
import { NAME_MAX_LENGTH } from "../../../shared/limits.js";
import { organisationKinds } from "../../../shared/roles.js";
import { api } from "../../api.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { CheckboxField, SelectField, TextField } from "../../components/forms/Field.js";
import { useFocusOnMount } from "../../components/forms/useFocusOnMount.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { useT } from "../../i18n.js";
import type { Organisation } from "../../types.js";

interface Props {
  existing: Organisation | null;
  onSaved: (org: Organisation) => void;
  onCancel: () => void;
}

const FIELDS = ["kind", "code", "nameFr", "nameNl", "nameEn", "territoryLevel", "territoryCode", "active"];

/** Create an organisation, or change one (only the fields that changed are sent, so the audit log shows just those). */
export function OrganisationForm({ existing, onSaved, onCancel }: Props) {
  const t = useT();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useSubmit();
  const initial = {
    kind: existing?.kind ?? "association",
    code: existing?.code ?? "",
    nameFr: existing?.names.fr ?? "",
    nameNl: existing?.names.nl ?? "",
    nameEn: existing?.names.en ?? "",
    territoryLevel: existing?.territoryLevel ?? "",
    territoryCode: existing?.territoryCode ?? "",
    active: existing?.active ?? true,
  };
  const [values, setValues] = useState(initial);
  const set = <K extends keyof typeof initial>(key: K, value: (typeof initial)[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    const body: Record<string, unknown> = {
      kind: values.kind,
      code: values.code.trim(),
      nameFr: values.nameFr,
      nameNl: values.nameNl,
      nameEn: values.nameEn,
      territoryLevel: values.territoryLevel || null,
      territoryCode: values.territoryCode.trim() || null,
    };
    if (existing) {
      body.active = values.active;
      const before: Record<string, unknown> = { ...initial, territoryLevel: initial.territoryLevel || null, territoryCode: initial.territoryCode || null };
      for (const key of Object.keys(body)) if (body[key] === before[key]) delete body[key];
      onSaved(await api.patch<Organisation>(`/api/organisations/${existing.id}`, body));
    } else {
      onSaved(await api.post<Organisation>("/api/organisations", body));
    }
  };

  const title = existing ? t("admin.organisations.editTitle", { name: existing.name }) : t("admin.organisations.createTitle");
  return (
    <section className="panel" aria-labelledby="org-form-title">
      <h2 id="org-form-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <form className="form" noValidate onSubmit={form.onSubmit(save)}>
        <ErrorAlert error={form.error} shownFields={FIELDS} />
        <div className="form-grid">
          <SelectField
            label={t("common.kind")}
            value={values.kind}
            onChange={(e) => set("kind", e.target.value as Organisation["kind"])}
            choices={organisationKinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
            error={form.fieldError("kind")}
          />
          <TextField
            label={t("common.code")}
            value={values.code}
            onChange={(e) => set("code", e.target.value)}
            required
            maxLength={64}
            pattern="[a-z0-9][a-z0-9_-]*"
            hint={t("admin.organisations.codeHint")}
            error={form.fieldError("code")}
          />
        </div>
        <div className="form-grid">
          <TextField label={t("admin.organisations.nameFr")} lang="fr" value={values.nameFr} onChange={(e) => set("nameFr", e.target.value)} required maxLength={NAME_MAX_LENGTH} error={form.fieldError("nameFr")} />
          <TextField label={t("admin.organisations.nameNl")} lang="nl" value={values.nameNl} onChange={(e) => set("nameNl", e.target.value)} required maxLength={NAME_MAX_LENGTH} error={form.fieldError("nameNl")} />
          <TextField label={t("admin.organisations.nameEn")} lang="en" value={values.nameEn} onChange={(e) => set("nameEn", e.target.value)} required maxLength={NAME_MAX_LENGTH} error={form.fieldError("nameEn")} />
        </div>
        <div className="form-grid">
          <SelectField
            label={t("admin.organisations.territoryLevel")}
            value={values.territoryLevel}
            onChange={(e) => set("territoryLevel", e.target.value as typeof initial.territoryLevel)}
            choices={[
              { value: "", label: t("common.none") },
              { value: "municipality", label: t("admin.organisations.level.municipality") },
              { value: "police_zone", label: t("admin.organisations.level.police_zone") },
            ]}
            error={form.fieldError("territoryLevel")}
          />
          <TextField
            label={t("admin.organisations.territoryCode")}
            value={values.territoryCode}
            onChange={(e) => set("territoryCode", e.target.value)}
            maxLength={16}
            hint={t("admin.organisations.territoryCodeHint")}
            error={form.fieldError("territoryCode")}
          />
        </div>
        {existing ? <CheckboxField label={t("common.active")} checked={values.active} onChange={(e) => set("active", e.target.checked)} error={form.fieldError("active")} /> : null}
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
