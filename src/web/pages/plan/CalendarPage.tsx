import { useState } from "react";
import { bcp47 } from "../../../shared/locale.js";
import { ErrorAlert } from "../../components/forms/ErrorAlert.js";
import { PageHeading } from "../../components/shell/PageHeading.js";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { Link } from "../../router.js";
import { PlanFrame, PlanSelector, TitledSection } from "./PlanChrome.js";
import { addMonths, brusselsToday, dayOfInstant, monthGrid, monthOf, monthRange } from "./planDates.js";
import type { CalendarMeeting } from "./plan.types.js";
import { usePlanChoice } from "./usePlanChoice.js";
import "./calendar.css";

const timeOf = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

/** The meetings the person may read, month by month: a grid, and the same meetings as a list. */
export function CalendarPage() {
  const { locale, t } = useLocale();
  const choice = usePlanChoice();
  const [month, setMonth] = useState(() => monthOf(brusselsToday()));
  const range = monthRange(month);
  const meetings = useResource<CalendarMeeting[]>("/api/plan/meetings", { ...range, planId: choice.plan?.id }, locale);
  const list = [...(meetings.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const byDay = new Map<string, CalendarMeeting[]>();
  for (const m of list) byDay.set(dayOfInstant(m.startsAt), [...(byDay.get(dayOfInstant(m.startsAt)) ?? []), m]);

  const tag = bcp47[locale];
  const monthTitle = new Intl.DateTimeFormat(tag, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-15T00:00:00Z`));
  const weekdays = [...Array(7).keys()].map((i) => new Intl.DateTimeFormat(tag, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  const weekdaysLong = [...Array(7).keys()].map((i) => new Intl.DateTimeFormat(tag, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  const dayLabel = (day: string) => new Intl.DateTimeFormat(tag, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
  const today = brusselsToday();

  const item = (m: CalendarMeeting) => (
    <Link href={`/plan/meetings/${m.id}`} className={`cal-meeting meeting-${m.status}`}>
      {timeOf(tag, m.startsAt)} {m.body.name}
      {m.status === "cancelled" ? ` (${t("plan.meetingStatus.cancelled")})` : ""}
    </Link>
  );

  return (
    <PlanFrame>
      <PageHeading title={t("planWeb.calendar.title")}>
        <p>{t("planWeb.calendar.intro")}</p>
      </PageHeading>
      <div className="toolbar">
        <PlanSelector plans={choice.plans} plan={choice.plan} onChoose={choice.choose} />
        <div className="button-row" role="group" aria-label={t("planWeb.calendar.month")}>
          <button type="button" className="button button-secondary" onClick={() => setMonth((m) => addMonths(m, -1))}>
            {t("common.previous")}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setMonth(monthOf(today))}>
            {t("planWeb.calendar.thisMonth")}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setMonth((m) => addMonths(m, 1))}>
            {t("common.next")}
          </button>
          <label className="month-pick">
            <span>{t("planWeb.calendar.goTo")}</span>
            <input type="month" value={month} onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && setMonth(e.target.value)} />
          </label>
        </div>
      </div>
      <ErrorAlert error={meetings.error} />
      <div className="table-wrap">
        <table className="calendar-grid" data-testid="calendar">
          <caption aria-live="polite">{t("planWeb.calendar.caption", { month: monthTitle, count: list.length })}</caption>
          <thead>
            <tr>
              {weekdays.map((d, i) => (
                <th key={d} scope="col">
                  <abbr title={weekdaysLong[i]}>{d}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthGrid(month).map((week, w) => (
              <tr key={w}>
                {week.map((day, i) =>
                  day ? (
                    <td key={day} className={day === today ? "cal-today" : undefined} aria-current={day === today ? "date" : undefined}>
                      <span className="cal-day" aria-hidden="true">
                        {Number(day.slice(8))}
                      </span>
                      <span className="visually-hidden">{dayLabel(day)}</span>
                      <ul>
                        {(byDay.get(day) ?? []).map((m) => (
                          <li key={m.id}>{item(m)}</li>
                        ))}
                      </ul>
                    </td>
                  ) : (
                    <td key={`empty-${i}`} className="cal-out" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TitledSection id="agenda-list-title" title={t("planWeb.calendar.list", { month: monthTitle })}>
        {list.length === 0 ? <p className="muted">{meetings.loading ? t("app.loading") : t("planWeb.calendar.none")}</p> : null}
        <ul className="plain-list">
          {list.map((m) => (
            <li key={m.id}>
              <strong>{dayLabel(dayOfInstant(m.startsAt))}</strong> · {item(m)} · <span className="muted">{m.location}</span>
            </li>
          ))}
        </ul>
      </TitledSection>
    </PlanFrame>
  );
}
