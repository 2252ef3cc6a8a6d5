/**
 * A confirmation that outlives one in-app navigation: a page sets it just before
 * navigating, the page shown next shows it once (the next plan's page -> the dashboard).
 */
let notice: string | null = null;

export function setPlanNotice(text: string): void {
  notice = text;
}

/** The waiting confirmation, if any (read it when the page mounts, then `clearPlanNotice`). */
export function peekPlanNotice(): string | null {
  return notice;
}

export function clearPlanNotice(): void {
  notice = null;
}
