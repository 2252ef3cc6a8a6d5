import { lazy, type ComponentType } from "react";
import type { PageRoute } from "../plan/planRoutes.js";

const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));

/** The observatory's pages beside the explorer (/observatory, a fixed page): an address pattern, what it takes to see it, the page. */
export const observatoryRoutes: PageRoute[] = [
  { pattern: /^\/observatory\/zones$/, resource: "observatory", action: "read", page: page(() => import("./ZonesPage.js"), "ZonesPage") },
  { pattern: /^\/observatory\/import$/, resource: "observatory", action: "import", page: page(() => import("./ImportPage.js"), "ImportPage") },
  { pattern: /^\/observatory\/publications$/, resource: "observatory", action: "read", page: page(() => import("./PublicationsPage.js"), "PublicationsPage") },
  { pattern: /^\/observatory\/neighbourhoods\/\d+$/, resource: "observatory", action: "read", page: page(() => import("./ProfilePage.js"), "ProfilePage") },
];

export function matchObservatoryRoute(path: string): PageRoute | undefined {
  return observatoryRoutes.find((r) => r.pattern.test(path));
}
