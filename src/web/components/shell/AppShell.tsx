import type { ReactNode } from "react";
import { useT } from "../../i18n.js";
import { allowedEntries } from "../../permissions.js";
import { Link, usePath } from "../../router.js";
import { useSession } from "../../session.js";
import type { Session } from "../../types.js";
import { LanguageSwitch } from "./LanguageSwitch.js";

/** Skip link, header (name, language, person, sign-out), navigation of the allowed pages, and the main region. */
export function AppShell({ session, children }: { session: Session | null; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </div>
          <div className="header-tools">
            <LanguageSwitch />
            {session?.account ? <UserBox session={session} /> : null}
          </div>
        </div>
      </header>
      {session ? <NavBar session={session} /> : null}
      <main id="main" tabIndex={-1} className="app-main">
        {children}
      </main>
    </>
  );
}

function UserBox({ session }: { session: Session }) {
  const t = useT();
  const { signOut } = useSession();
  const account = session.account!;
  return (
    <div className="user-box">
      <span className="user-name" data-testid="user-name">
        {account.displayName}
        <span className="user-org">{account.organisation.name}</span>
      </span>
      <button type="button" className="button button-on-dark" onClick={() => void signOut()}>
        {t("auth.signOut")}
      </button>
    </div>
  );
}

function NavBar({ session }: { session: Session }) {
  const t = useT();
  const path = usePath();
  const entries = allowedEntries(session.permissions);
  const main = entries.filter((e) => e.group === "main");
  const admin = entries.filter((e) => e.group === "admin");
  // The current entry is the longest one the address falls under (/plan/inbox is "Inbox", not "Plan").
  const current = entries
    .filter((e) => path === e.path || path.startsWith(`${e.path}/`))
    .reduce<string | null>((best, e) => (best === null || e.path.length > best.length ? e.path : best), null);
  const link = (e: (typeof entries)[number]) => (
    <li key={e.path}>
      <Link href={e.path} aria-current={e.path === current ? "page" : undefined}>
        {t(e.label)}
      </Link>
    </li>
  );
  return (
    <nav className="app-nav" aria-label={t("nav.main")}>
      <div className="app-nav-inner">
        <ul className="nav-list">{main.map(link)}</ul>
        {admin.length ? (
          <div className="nav-group">
            <span className="nav-group-label" id="nav-admin-label">
              {t("nav.admin")}
            </span>
            <ul className="nav-list" aria-labelledby="nav-admin-label">
              {admin.map(link)}
            </ul>
          </div>
        ) : null}
      </div>
    </nav>
  );
}
