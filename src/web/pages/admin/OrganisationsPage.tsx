import { useState } from "react";
import { organisationKinds, type OrganisationKind } from "../../../shared/roles.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { SelectField } from "../../components/forms/Field.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows, can } from "../../permissions.js";
import { useSignedIn } from "../../session.js";
import type { Organisation } from "../../types.js";
import { OrganisationForm } from "./OrganisationForm.js";

/** Organisations by kind; the agency's administrators add and change them. */
export function OrganisationsPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const [kind, setKind] = useState<OrganisationKind | "">("");
  const [editing, setEditing] = useState<Organisation | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const list = useResource<Organisation[]>("/api/organisations", { kind }, locale);

  const territory = (o: Organisation) =>
    o.territoryLevel ? `${t(`admin.organisations.level.${o.territoryLevel}`)} ${o.territoryCode ?? ""}`.trim() : t("common.none");
  const columns: Column<Organisation>[] = [
    { key: "name", label: t("common.name"), rowHeader: true, sortValue: (o) => o.name, render: (o) => o.name },
    { key: "code", label: t("common.code"), sortValue: (o) => o.code, render: (o) => <code>{o.code}</code> },
    { key: "kind", label: t("common.kind"), sortValue: (o) => t(`orgKind.${o.kind}`), render: (o) => t(`orgKind.${o.kind}`) },
    { key: "territory", label: t("admin.organisations.territory"), sortValue: (o) => territory(o), render: territory },
    {
      key: "active",
      label: t("admin.status"),
      sortValue: (o) => (o.active ? 1 : 0),
      render: (o) => <span className={`badge ${o.active ? "badge-ok" : "badge-off"}`}>{o.active ? t("common.active") : t("common.inactive")}</span>,
    },
    {
      key: "actions",
      label: t("common.actions"),
      className: "actions-cell",
      render: (o) =>
        allows(o, "update") ? (
          <button type="button" className="button button-small button-secondary" onClick={() => setEditing(o)}>
            {t("common.edit")}
            <span className="visually-hidden"> {o.name}</span>
          </button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeading title={t("nav.organisations")}>
        <p>{t("admin.organisations.intro")}</p>
      </PageHeading>
      {saved ? <StatusMessage>{saved}</StatusMessage> : null}
      {editing ? (
        <OrganisationForm
          key={editing === "new" ? "new" : editing.id}
          existing={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(o) => {
            setEditing(null);
            setSaved(t("admin.organisations.saved", { name: o.name }));
            list.reload();
          }}
        />
      ) : null}
      <div className="toolbar">
        <SelectField
          label={t("admin.organisations.kindFilter")}
          value={kind}
          onChange={(e) => setKind(e.target.value as OrganisationKind | "")}
          choices={[{ value: "", label: t("admin.all") }, ...organisationKinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))]}
        />
        {can(session.permissions, "organisation", "create") && !editing ? (
          <button type="button" className="button" onClick={() => { setSaved(null); setEditing("new"); }}>
            {t("admin.organisations.create")}
          </button>
        ) : null}
      </div>
      <ErrorAlert error={list.error} />
      <SortableTable
        caption={t("admin.organisations.caption", { count: list.data?.length ?? 0 })}
        columns={columns}
        rows={list.data ?? []}
        rowKey={(o) => o.id}
        initialSort={{ key: "name", direction: "ascending" }}
        empty={list.loading ? t("app.loading") : t("common.rows", { count: 0 })}
        testId="organisations-table"
      />
    </>
  );
}
