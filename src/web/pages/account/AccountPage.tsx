import { useState } from "react";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../shared/limits.js";
import { api } from "../../api.js";
import { ErrorAlert, StatusMessage } from "../../components/forms/ErrorAlert.js";
import { TextField } from "../../components/forms/Field.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useT } from "../../i18n.js";
import { useSession, useSignedIn } from "../../session.js";

/** One's own account: who and for which organisation, and the password change (required after a one-time password). */
export function AccountPage() {
  const t = useT();
  const session = useSignedIn();
  const { refresh } = useSession();
  const account = session.account;
  const form = useSubmit();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [changed, setChanged] = useState(false);

  const save = async () => {
    setChanged(false);
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await api.post("/api/account/password", { currentPassword, newPassword });
    setCurrent("");
    setNew("");
    setRepeat("");
    setChanged(true);
    if (account?.mustChangePassword) await refresh();
  };

  return (
    <>
      <PageHeading title={t("nav.account")} />
      {account?.mustChangePassword ? (
        <p className="alert alert-info" role="status">
          {t("web.account.mustChange")}
        </p>
      ) : null}
      {account ? (
        <section className="card section-card" aria-labelledby="account-who">
          <h2 id="account-who">{account.displayName}</h2>
          <dl className="facts">
            <dt>{t("auth.email")}</dt>
            <dd>{account.email}</dd>
            <dt>{t("common.organisation")}</dt>
            <dd>{account.organisation.name}</dd>
            <dt>{t("common.role")}</dt>
            <dd>{t(`role.${account.role}`)}</dd>
            <dt>{t("app.language")}</dt>
            <dd>{t(`lang.${account.locale}`)}</dd>
          </dl>
        </section>
      ) : null}
      <section className="card section-card" aria-labelledby="account-password">
        <h2 id="account-password">{t("auth.changePassword")}</h2>
        <form className="form narrow" noValidate onSubmit={form.onSubmit(save)}>
          <div aria-live="polite">{changed ? <StatusMessage>{t("auth.passwordChanged")}</StatusMessage> : null}</div>
          <ErrorAlert error={form.error} shownFields={["currentPassword", "newPassword"]} />
          {/* A hidden username lets password managers file the new password under the right account. */}
          <input type="text" name="username" autoComplete="username" value={account?.email ?? ""} readOnly hidden />
          <TextField
            label={t("auth.currentPassword")}
            type="password"
            autoComplete="current-password"
            required
            maxLength={PASSWORD_MAX_LENGTH}
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
            error={form.fieldError("currentPassword")}
          />
          <TextField
            label={t("auth.newPassword")}
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
            hint={t("web.account.passwordHint", { minimum: PASSWORD_MIN_LENGTH })}
            error={form.fieldError("newPassword")}
          />
          <TextField
            label={t("web.account.repeatPassword")}
            type="password"
            autoComplete="new-password"
            required
            maxLength={PASSWORD_MAX_LENGTH}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={mismatch ? t("web.account.mismatch") : undefined}
          />
          <div className="button-row">
            <button type="submit" className="button" disabled={form.busy}>
              {t("auth.changePassword")}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
