import { useState } from "react";
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from "../../../shared/limits.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { TextField } from "../../components/forms/Field.js";
import { useSubmit } from "../../components/forms/useSubmit.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useT } from "../../i18n.js";
import { Link } from "../../router.js";
import { useSession } from "../../session.js";

/** Sign-in: email and password; the language can be chosen before (header switch). The published figures are one link away, without signing in. */
export function LoginPage({ expired }: { expired: boolean }) {
  const t = useT();
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useSubmit();

  return (
    <div className="login">
      <PageHeading title={t("auth.signIn")}>
        <p>{t("web.login.intro")}</p>
      </PageHeading>
      <div aria-live="polite" aria-atomic="true">
        {expired && !form.error ? <p className="alert alert-info">{t("web.login.expired")}</p> : null}
      </div>
      <form className="card form" noValidate onSubmit={form.onSubmit(() => signIn(email.trim(), password))}>
        <div aria-live="assertive" aria-atomic="true" data-testid="login-errors">
          <ErrorAlert error={form.error} shownFields={["email", "password"]} inLiveRegion />
        </div>
        <TextField
          label={t("auth.email")}
          type="email"
          name="email"
          autoComplete="username"
          required
          maxLength={EMAIL_MAX_LENGTH}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.fieldError("email")}
        />
        <TextField
          label={t("auth.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.fieldError("password")}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("web.login.signingIn") : t("auth.signIn")}
          </button>
        </div>
      </form>
      <p>
        <Link href="/public" data-testid="public-link">
          {t("observatoryWeb.nav.public")}
        </Link>
      </p>
    </div>
  );
}
