/**
 * When something of the plan is late, in one place. Days are Brussels days `YYYY-MM-DD`
 * (today comes from `brusselsDay()`), so comparing them as text compares the dates.
 *
 * - A milestone is late when its due day has passed and it is not done.
 * - An action item is late while still open after its due day.
 * - An update is late when first submitted after its round's deadline day, or not
 *   submitted yet once the deadline day has passed.
 */
import { sql, type Expression, type SqlBool } from "kysely";
import { brusselsDay } from "./plan.common.js";

export function isMilestoneLate(dueDate: string, doneDate: string | null, today: string): boolean {
  return doneDate === null && dueDate < today;
}

/** The SQL twin of `isMilestoneLate`, for a query over `plan_milestones` (named `table` in the query). */
export function milestoneIsLateSql(today: string, table = "plan_milestones"): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${table}.due_date`)} < ${today} and ${sql.ref(`${table}.done_date`)} is null)`;
}

export function isActionItemLate(dueDate: string, status: string, today: string): boolean {
  return status === "open" && dueDate < today;
}

/** `firstSubmittedAt` is an instant (ISO-8601): its Brussels day is what counts against the deadline. */
export function isUpdateLate(deadline: string, firstSubmittedAt: string | null, today: string): boolean {
  return firstSubmittedAt ? brusselsDay(new Date(firstSubmittedAt)) > deadline : today > deadline;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** How many days a milestone is overdue on `today`; 0 when it is not late. */
export function milestoneDaysLate(dueDate: string, doneDate: string | null, today: string): number {
  return isMilestoneLate(dueDate, doneDate, today) ? daysBetween(dueDate, today) : 0;
}
