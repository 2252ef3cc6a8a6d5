import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The demo accounts' password (README). */
export const DEMO_PASSWORD = "vigil-demo-2026";

/**
 * WCAG 2.1 AA, the legal bar for Belgian public bodies: axe-core over the page as it is
 * now; fails listing each violation with the elements it concerns.
 */
export async function audit(page: Page, label: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const problems = results.violations.map((v) => `${label}: ${v.id} (${v.impact}) on ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(problems, problems.join("\n")).toEqual([]);
}

/**
 * Signs in through the French sign-in page (the default language), waits for the shell and
 * puts the interface back in French when an earlier journey left the account in another
 * language (the choice is kept per account).
 */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("user-name")).toBeVisible();
  const french = page.getByRole("button", { name: /^FR/ });
  if ((await french.getAttribute("aria-pressed")) !== "true") await french.click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
}

/** Opens one of the plan's sections from its navigation. */
export const planSection = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Sections du plan" }).getByRole("link", { name, exact: true }).click();
