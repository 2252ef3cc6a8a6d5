import { useState } from "react";
import { roles, type Role } from "../../../shared/roles.js";
import { formatDateTime } from "../../format.js";
import { api } from "../../api.js";
import { ConfirmButton } from "../../components/forms/ConfirmButton.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { SelectField } from "../../components/forms/Field.js";
import { SecretBox } from "../../components/forms/SecretBox.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows, can } from "../../permissions.js";
import { useSignedIn } from "../../session.js";
import type { OneTimePassword, User } from "../../types.js";
import { useOrganisationChoices } from "./useOrganisationChoices.js";
import { UserForm } from "./UserForm.js";

/** People with an account: create (one-time password shown once), change, disable, reset the password. */
export function UsersPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const [organisationId, setOrganisationId] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const action = useSubmit();
  const list = useResource<User[]>("/api/users", { organisationId, role }, locale);
  const orgs = useOrganisationChoices();

  const done = (message: string) => {
    setStatus(message);
    list.reload();
  };
  const resetPassword = (u: User) =>
    action.run(async () => {
      const result = await api.post<OneTimePassword>(`/api/users/${u.id}/reset-password`, {});
      if (result.oneTimePassword) setSecret({ label: t("admin.users.oneTimePasswordFor", { name: u.displayName }), value: result.oneTimePassword });
      done(t("admin.users.passwordReset", { name: u.displayName }));
    });
  const setActive = (u: User, active: boolean) =>
    action.run(async () => {
      await api.patch<User>(`/api/users/${u.id}`, { active });
      done(t(active ? "admin.users.enabled" : "admin.users.disabled", { name: u.displayName }));
    });

  const date = (value: string | null) => (value ? formatDateTime(locale, value) : t("admin.never"));
  const columns: Column<User>[] = [
    {
      key: "name",
      label: t("common.name"),
      rowHeader: true,
      sortValue: (u) => u.displayName,
      render: (u) => (
        <>
          {u.displayName}
          <br />
          <span className="muted">{u.email}</span>
        </>
      ),
    },
    { key: "organisation", label: t("common.organisation"), sortValue: (u) => u.organisation.name, render: (u) => u.organisation.name },
    { key: "role", label: t("common.role"), sortValue: (u) => t(`role.${u.role}`), render: (u) => t(`role.${u.role}`) },
    { key: "locale", label: t("app.language"), sortValue: (u) => u.locale, render: (u) => t(`lang.${u.locale}`) },
    {
      key: "status",
      label: t("admin.status"),
      sortValue: (u) => (u.active ? 1 : 0),
      render: (u) => (
        <span className={`badge ${!u.active ? "badge-off" : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? "badge-warn" : "badge-ok"}`}>
          {!u.active ? t("common.inactive") : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? t("admin.users.locked") : t("common.active")}
        </span>
      ),
    },
    { key: "lastLogin", label: t("admin.users.lastLogin"), sortValue: (u) => u.lastLoginAt, render: (u) => date(u.lastLoginAt) },
    {
      key: "actions",
      label: t("common.actions"),
      className: "actions-cell",
      render: (u) => (
        <div className="button-row">
          {allows(u, "update") ? (
            <button type="button" className="button button-small button-secondary" onClick={() => setEditing(u)}>
              {t("common.edit")}
              <span className="visually-hidden"> {u.displayName}</span>
            </button>
          ) : null}
          {allows(u, "resetPassword") ? (
            <ConfirmButton label={t("admin.users.resetPassword")} question={t("admin.users.resetConfirm", { name: u.displayName })} onConfirm={() => void resetPassword(u)} />
          ) : null}
          {allows(u, "disable") && u.id !== session.account?.id ? (
            u.active ? (
              <ConfirmButton label={t("common.disable")} question={t("admin.users.disableConfirm", { name: u.displayName })} onConfirm={() => void setActive(u, false)} />
            ) : (
              <button type="button" className="button button-small button-secondary" onClick={() => void setActive(u, true)}>
                {t("common.enable")}
              </button>
            )
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeading title={t("nav.users")}>
        <p>{t("admin.users.intro")}</p>
      </PageHeading>
      {secret ? <SecretBox label={secret.label} secret={secret.value} onDone={() => setSecret(null)} /> : null}
      {status ? <StatusMessage>{status}</StatusMessage> : null}
      <ErrorAlert error={action.error} />
      {editing ? (
        <UserForm
          key={editing === "new" ? "new" : editing.id}
          existing={editing === "new" ? null : editing}
          organisations={orgs.choices}
          defaultOrganisationId={session.account?.organisation.id}
          onCancel={() => setEditing(null)}
          onCreated={(result, email) => {
            setEditing(null);
            if (result.oneTimePassword) setSecret({ label: t("admin.users.oneTimePasswordFor", { name: email }), value: result.oneTimePassword });
            done(t("admin.users.created", { name: email }));
          }}
          onUpdated={(u) => {
            setEditing(null);
            done(t("admin.users.saved", { name: u.displayName }));
          }}
        />
      ) : null}
      <div className="toolbar">
        <SelectField
          label={t("common.organisation")}
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          choices={[{ value: "", label: t("admin.all") }, ...orgs.choices]}
        />
        <SelectField
          label={t("common.role")}
          value={role}
          onChange={(e) => setRole(e.target.value as Role | "")}
          choices={[{ value: "", label: t("admin.all") }, ...roles.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
        />
        {can(session.permissions, "user", "create") && !editing ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setStatus(null);
              setSecret(null);
              setEditing("new");
            }}
          >
            {t("admin.users.create")}
          </button>
        ) : null}
      </div>
      <ErrorAlert error={list.error} />
      <SortableTable
        caption={t("admin.users.caption", { count: list.data?.length ?? 0 })}
        columns={columns}
        rows={list.data ?? []}
        rowKey={(u) => u.id}
        initialSort={{ key: "name", direction: "ascending" }}
        empty={list.loading ? t("app.loading") : t("common.rows", { count: 0 })}
        testId="users-table"
      />
    </>
  );
}
