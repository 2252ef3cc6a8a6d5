import { lazy, type ComponentType, type LazyExoticComponent } from "react";

/** The plan pages: an address pattern, what it takes to see the page (coarse; the API checks each row), and the page. */
export interface PageRoute {
  pattern: RegExp;
  resource: string;
  action: string;
  page: LazyExoticComponent<ComponentType>;
}

const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));

export const planRoutes: PageRoute[] = [
  { pattern: /^\/plan$/, resource: "plan", action: "read", page: page(() => import("./DashboardPage.js"), "DashboardPage") },
  { pattern: /^\/plan\/measures$/, resource: "measure", action: "read", page: page(() => import("./MeasuresPage.js"), "MeasuresPage") },
  { pattern: /^\/plan\/measures\/[^/]+$/, resource: "measure", action: "read", page: page(() => import("./MeasurePage.js"), "MeasurePage") },
  { pattern: /^\/plan\/inbox$/, resource: "update", action: "file", page: page(() => import("./InboxPage.js"), "InboxPage") },
  { pattern: /^\/plan\/updates\/[^/]+$/, resource: "update", action: "read", page: page(() => import("./UpdatePage.js"), "UpdatePage") },
  { pattern: /^\/plan\/rounds$/, resource: "round", action: "read", page: page(() => import("./RoundsPage.js"), "RoundsPage") },
  { pattern: /^\/plan\/rounds\/[^/]+$/, resource: "round", action: "read", page: page(() => import("./RoundPage.js"), "RoundPage") },
  { pattern: /^\/plan\/bodies$/, resource: "body", action: "read", page: page(() => import("./BodiesPage.js"), "BodiesPage") },
  { pattern: /^\/plan\/bodies\/[^/]+$/, resource: "body", action: "read", page: page(() => import("./BodyPage.js"), "BodyPage") },
  { pattern: /^\/plan\/meetings\/[^/]+$/, resource: "meeting", action: "read", page: page(() => import("./MeetingPage.js"), "MeetingPage") },
  { pattern: /^\/plan\/calendar$/, resource: "plan", action: "read", page: page(() => import("./CalendarPage.js"), "CalendarPage") },
  { pattern: /^\/plan\/files$/, resource: "plan", action: "import", page: page(() => import("./FilesPage.js"), "FilesPage") },
  { pattern: /^\/plan\/settings$/, resource: "plan", action: "manage", page: page(() => import("./PlanSettingsPage.js"), "PlanSettingsPage") },
  { pattern: /^\/plan\/next$/, resource: "plan", action: "manage", page: page(() => import("./PlanNextPage.js"), "PlanNextPage") },
];

export function matchPlanRoute(path: string): PageRoute | undefined {
  return planRoutes.find((r) => r.pattern.test(path));
}
