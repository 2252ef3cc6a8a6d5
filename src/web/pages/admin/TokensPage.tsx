import { useState } from "react";
import { formatDateTime } from "../../format.js";
import { api } from "../../api.js";
import { ConfirmButton } from "../../components/forms/ConfirmButton.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { SecretBox } from "../../components/forms/SecretBox.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { SortableTable, type Column } from "../../components/table/SortableTable.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { allows, can } from "../../permissions.js";
import { useSignedIn } from "../../session.js";
import type { ApiToken } from "../../types.js";
import { TokenForm } from "./TokenForm.js";
import { useOrganisationChoices } from "./useOrganisationChoices.js";

/** API tokens of machine clients: the secret is shown once at creation; revoking stops it at once. */
export function TokensPage() {
  const { locale, t } = useLocale();
  const session = useSignedIn();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const action = useSubmit();
  const list = useResource<ApiToken[]>("/api/tokens", {}, locale);
  const orgs = useOrganisationChoices();

  const revoke = (token: ApiToken) =>
    action.run(async () => {
      await api.delete(`/api/tokens/${token.id}`);
      setStatus(t("admin.tokens.revoked", { name: token.name }));
      list.reload();
    });

  const date = (value: string | null, empty: string) => (value ? formatDateTime(locale, value) : empty);
  const state = (tk: ApiToken) =>
    tk.revokedAt ? "revoked" : tk.expiresAt && new Date(tk.expiresAt) < new Date() ? "expired" : "active";
  const columns: Column<ApiToken>[] = [
    { key: "name", label: t("common.name"), rowHeader: true, sortValue: (tk) => tk.name, render: (tk) => tk.name },
    { key: "prefix", label: t("admin.tokens.prefix"), sortValue: (tk) => tk.prefix, render: (tk) => <code>{tk.prefix}…</code> },
    {
      key: "organisation",
      label: t("common.organisation"),
      sortValue: (tk) => orgs.byId.get(tk.organisationId)?.name ?? tk.organisationCode,
      render: (tk) => orgs.byId.get(tk.organisationId)?.name ?? tk.organisationCode,
    },
    { key: "role", label: t("common.role"), sortValue: (tk) => t(`role.${tk.role}`), render: (tk) => t(`role.${tk.role}`) },
    { key: "created", label: t("admin.tokens.createdAt"), sortValue: (tk) => tk.createdAt, render: (tk) => date(tk.createdAt, "") },
    { key: "expires", label: t("admin.tokens.expiresAt"), sortValue: (tk) => tk.expiresAt, render: (tk) => date(tk.expiresAt, t("admin.tokens.noExpiry")) },
    { key: "lastUsed", label: t("admin.tokens.lastUsed"), sortValue: (tk) => tk.lastUsedAt, render: (tk) => date(tk.lastUsedAt, t("admin.never")) },
    {
      key: "status",
      label: t("admin.status"),
      sortValue: (tk) => state(tk),
      render: (tk) => <span className={`badge ${state(tk) === "active" ? "badge-ok" : "badge-off"}`}>{t(`admin.tokens.state.${state(tk)}`)}</span>,
    },
    {
      key: "actions",
      label: t("common.actions"),
      className: "actions-cell",
      render: (tk) =>
        allows(tk, "revoke") ? <ConfirmButton label={t("common.revoke")} question={t("admin.tokens.revokeConfirm", { name: tk.name })} onConfirm={() => void revoke(tk)} /> : null,
    },
  ];

  return (
    <>
      <PageHeading title={t("nav.tokens")}>
        <p>{t("admin.tokens.intro")}</p>
      </PageHeading>
      {secret ? (
        <SecretBox
          label={t("admin.tokens.secretFor", { name: secret.name })}
          secret={secret.value}
          hint={t("admin.tokens.secretHint")}
          onDone={() => setSecret(null)}
        />
      ) : null}
      {status ? <StatusMessage>{status}</StatusMessage> : null}
      <ErrorAlert error={action.error} />
      {creating ? (
        <TokenForm
          organisations={orgs.choices}
          defaultOrganisationId={session.account?.organisation.id}
          onCancel={() => setCreating(false)}
          onCreated={(created, name) => {
            setCreating(false);
            setSecret({ name, value: created.token });
            setStatus(t("admin.tokens.created", { name }));
            list.reload();
          }}
        />
      ) : null}
      {can(session.permissions, "apiToken", "create") && !creating ? (
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={() => {
              setStatus(null);
              setSecret(null);
              setCreating(true);
            }}
          >
            {t("admin.tokens.create")}
          </button>
        </div>
      ) : null}
      <ErrorAlert error={list.error} />
      <SortableTable
        caption={t("admin.tokens.caption", { count: list.data?.length ?? 0 })}
        columns={columns}
        rows={list.data ?? []}
        rowKey={(tk) => tk.id}
        initialSort={{ key: "created", direction: "descending" }}
        empty={list.loading ? t("app.loading") : t("common.rows", { count: 0 })}
        testId="tokens-table"
      />
    </>
  );
}
