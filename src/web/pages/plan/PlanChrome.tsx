import type { ReactNode } from "react";
import type { MeasureStatus, UpdateState } from "../../../shared/plan.js";
import { SelectField } from "../../components/forms/Field.js";
import { useLocale, useT } from "../../i18n.js";
import { can } from "../../permissions.js";
import { Link, usePath } from "../../router.js";
import { useSignedIn } from "../../session.js";
import { formatPercent } from "./planFormat.js";
import { planTitle } from "./plan.logic.js";
import type { Plan } from "./plan.types.js";
import "./plan.css";

interface Section {
  path: string;
  label: string;
  resource: string;
  action: string;
}

const sections: Section[] = [
  { path: "/plan", label: "planWeb.sections.dashboard", resource: "plan", action: "read" },
  { path: "/plan/measures", label: "planWeb.sections.measures", resource: "measure", action: "read" },
  { path: "/plan/rounds", label: "planWeb.sections.rounds", resource: "round", action: "read" },
  { path: "/plan/bodies", label: "planWeb.sections.bodies", resource: "body", action: "read" },
  { path: "/plan/calendar", label: "planWeb.sections.calendar", resource: "plan", action: "read" },
  { path: "/plan/files", label: "planWeb.sections.files", resource: "plan", action: "import" },
];

/** The plan's own sections (dashboard, measures, rounds, bodies, calendar, files), under the main navigation. */
export function PlanNav() {
  const t = useT();
  const path = usePath();
  const session = useSignedIn();
  const current = (p: string) => (p === "/plan" ? path === p : path === p || path.startsWith(`${p}/`));
  return (
    <nav className="plan-nav" aria-label={t("planWeb.sections.label")}>
      <ul>
        {sections
          .filter((s) => can(session.permissions, s.resource, s.action))
          .map((s) => (
            <li key={s.path}>
              <Link href={s.path} aria-current={current(s.path) ? "page" : undefined}>
                {t(s.label)}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** The plan chooser shown on pages that work on one plan. */
export function PlanSelector({ plans, plan, onChoose }: { plans: Plan[]; plan: Plan | null; onChoose: (id: number) => void }) {
  const t = useT();
  if (plans.length <= 1) return null;
  return (
    <SelectField
      className="plan-selector"
      label={t("planWeb.plan.choose")}
      value={plan ? String(plan.id) : ""}
      onChange={(e) => onChoose(Number(e.target.value))}
      choices={plans.map((p) => ({ value: String(p.id), label: `${planTitle(p)}${p.isDemo ? ` · ${t("planWeb.plan.demo")}` : ""}` }))}
    />
  );
}

/** A measure status as a word on a tinted badge (the colour is never the only cue). */
export function StatusBadge({ status }: { status: MeasureStatus | null | undefined }) {
  const t = useT();
  if (!status) return <span className="muted">–</span>;
  return <span className={`badge status-${status}`}>{t(`plan.status.${status}`)}</span>;
}

export function StateBadge({ state }: { state: UpdateState }) {
  const t = useT();
  return (
    <span className={`badge state-${state}`} data-state={state}>
      {t(`plan.updateState.${state}`)}
    </span>
  );
}

export function LateBadge({ late, children }: { late: boolean; children?: ReactNode }) {
  const t = useT();
  if (!late) return null;
  return <span className="badge badge-warn">{children ?? t("planWeb.late")}</span>;
}

/** A bar with the figure written next to it; the bar is decoration, the text carries the value. */
export function ProgressBar({ value, label }: { value: number | null | undefined; label?: string }) {
  const { locale } = useLocale();
  const width = value === null || value === undefined ? 0 : Math.max(0, Math.min(100, value));
  return (
    <span className="progress">
      <span className="progress-track" aria-hidden="true">
        <span className="progress-fill" style={{ width: `${width}%` }} />
      </span>
      <span className="progress-text">
        {label ? <span className="visually-hidden">{label} </span> : null}
        {formatPercent(locale, value)}
      </span>
    </span>
  );
}

/** The one row of a table with no rows, saying so. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="empty">
        {children}
      </td>
    </tr>
  );
}

/** A section of a plan page, headed (h2) and named by its title. */
export function TitledSection({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Heading block shared by the plan pages: the plan's sections, then the page itself. */
export function PlanFrame({ children }: { children: ReactNode }) {
  return (
    <div className="plan-page">
      <PlanNav />
      {children}
    </div>
  );
}
