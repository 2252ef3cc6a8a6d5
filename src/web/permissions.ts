import type { Permissions } from "./types.js";

/** Whether the signed-in person may take `action` on `resource` in general (from GET /api/session). */
export function can(permissions: Permissions | undefined, resource: string, action: string): boolean {
  return permissions?.[resource]?.includes(action) ?? false;
}

/** Whether a row sent with its `actions` allows one. */
export function allows(row: { actions?: string[] }, action: string): boolean {
  return row.actions?.includes(action) ?? false;
}

export interface NavEntry {
  path: string;
  /** Catalog key of the label. */
  label: string;
  group: "main" | "admin";
  resource: string;
  action: string;
}

/** Every page of the app with what it takes to see it; the navigation shows only the allowed ones. */
export const navEntries: NavEntry[] = [
  { path: "/territory", label: "nav.territory", group: "main", resource: "territory", action: "read" },
  { path: "/observatory", label: "observatoryWeb.nav.explorer", group: "main", resource: "observatory", action: "read" },
  { path: "/observatory/zones", label: "observatoryWeb.nav.zones", group: "main", resource: "observatory", action: "read" },
  { path: "/observatory/publications", label: "observatoryWeb.nav.publications", group: "main", resource: "observatory", action: "read" },
  { path: "/observatory/import", label: "observatoryWeb.nav.import", group: "main", resource: "observatory", action: "import" },
  { path: "/public", label: "observatoryWeb.nav.public", group: "main", resource: "observatory", action: "read" },
  { path: "/plan", label: "planWeb.nav.plan", group: "main", resource: "plan", action: "read" },
  { path: "/plan/inbox", label: "planWeb.nav.inbox", group: "main", resource: "update", action: "file" },
  { path: "/admin/organisations", label: "nav.organisations", group: "admin", resource: "organisation", action: "read" },
  { path: "/admin/users", label: "nav.users", group: "admin", resource: "user", action: "read" },
  { path: "/admin/tokens", label: "nav.tokens", group: "admin", resource: "apiToken", action: "read" },
  { path: "/admin/audit", label: "nav.audit", group: "admin", resource: "audit", action: "read" },
  { path: "/account", label: "nav.account", group: "main", resource: "account", action: "read" },
];

export function allowedEntries(permissions: Permissions | undefined): NavEntry[] {
  return navEntries.filter((e) => can(permissions, e.resource, e.action));
}
