import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from "react";
import { AppShell } from "./components/shell/AppShell.js";
import { PageHeading } from "./components/shell/PageHeading.js";
import { useT } from "./i18n.js";
import { LoginPage } from "./pages/login/LoginPage.js";
import { matchObservatoryRoute } from "./pages/observatory/observatoryRoutes.js";
import { matchPlanRoute } from "./pages/plan/planRoutes.js";
import { allowedEntries, can, navEntries } from "./permissions.js";
import { navigate, usePath } from "./router.js";
import { useSession } from "./session.js";
import type { Session } from "./types.js";

/** The public page: published figures for everyone, signed in or not. */
const PublicPage = lazy(() => import("./pages/observatory/PublicPage.js").then((m) => ({ default: m.PublicPage })));
export const PUBLIC_PATH = "/public";

/** Pages load on first visit: the map and chart libraries only when the territory page opens. */
const pages: Record<string, LazyExoticComponent<ComponentType>> = {
  "/territory": lazy(() => import("./pages/territory/TerritoryPage.js").then((m) => ({ default: m.TerritoryPage }))),
  "/observatory": lazy(() => import("./pages/observatory/ObservatoryPage.js").then((m) => ({ default: m.ObservatoryPage }))),
  "/admin/organisations": lazy(() => import("./pages/admin/OrganisationsPage.js").then((m) => ({ default: m.OrganisationsPage }))),
  "/admin/users": lazy(() => import("./pages/admin/UsersPage.js").then((m) => ({ default: m.UsersPage }))),
  "/admin/tokens": lazy(() => import("./pages/admin/TokensPage.js").then((m) => ({ default: m.TokensPage }))),
  "/admin/audit": lazy(() => import("./pages/admin/AuditPage.js").then((m) => ({ default: m.AuditPage }))),
  "/account": lazy(() => import("./pages/account/AccountPage.js").then((m) => ({ default: m.AccountPage }))),
};

export function App() {
  const { state } = useSession();
  const t = useT();
  const path = usePath();
  if (state.status === "loading") {
    return (
      <AppShell session={null}>
        <p className="loading" role="status">
          {t("app.loading")}
        </p>
      </AppShell>
    );
  }
  if (path === PUBLIC_PATH) {
    return (
      <AppShell session={state.status === "signedIn" ? state.session : null}>
        <Suspense
          fallback={
            <p className="loading" role="status">
              {t("app.loading")}
            </p>
          }
        >
          <PublicPage />
        </Suspense>
      </AppShell>
    );
  }
  if (state.status === "anonymous") {
    return (
      <AppShell session={null}>
        <LoginPage expired={state.expired} />
      </AppShell>
    );
  }
  return (
    <AppShell session={state.session}>
      <SignedInRoutes session={state.session} />
    </AppShell>
  );
}

function SignedInRoutes({ session }: { session: Session }) {
  const t = useT();
  const path = usePath();
  const allowed = allowedEntries(session.permissions);
  const landing = allowed[0]?.path ?? "/account";
  const mustChange = session.account?.mustChangePassword ?? false;
  const target = path === "/" || path === "/login" || path === "" ? landing : mustChange ? "/account" : null;

  useEffect(() => {
    if (target && target !== path) navigate(target, { replace: true });
  }, [target, path]);

  // Fixed pages are listed in the navigation; the plan's pages (with ids in their address) match a pattern.
  const known = navEntries.find((e) => e.path === path);
  const fixed = pages[path] && known ? { Page: pages[path], allowed: allowed.includes(known) } : null;
  const planRoute = fixed ? undefined : (matchPlanRoute(path) ?? matchObservatoryRoute(path));
  const found = fixed ?? (planRoute ? { Page: planRoute.page, allowed: can(session.permissions, planRoute.resource, planRoute.action) } : null);
  if (!found) {
    return <Problem title={t("web.notFound.title")} text={t("web.notFound.text")} />;
  }
  if (!found.allowed) {
    return <Problem title={t("web.forbidden.title")} text={t("errors.forbidden")} />;
  }
  const { Page } = found;
  return (
    <Suspense
      fallback={
        <p className="loading" role="status">
          {t("app.loading")}
        </p>
      }
    >
      <Page key={path} />
    </Suspense>
  );
}

function Problem({ title, text }: { title: string; text: string }) {
  return (
    <PageHeading title={title}>
      <p>{text}</p>
    </PageHeading>
  );
}
