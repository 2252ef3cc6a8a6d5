import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { audit, signIn } from "./helpers.js";

// The observatory's publications on the demo data: the seed publishes the 2018 annual report;
// a coordinator generates another 2018 report (2014-2018), downloads its PDF, cannot publish it
// while the demo's is published, withdraws that one and publishes the new one. A viewer sees
// only published reports and no form.
test.describe.configure({ mode: "serial" });

const TITLE = "Rapport annuel 2018 de l’Observatoire bruxellois de la sécurité";

async function openPublications(page: Page) {
  await page.getByRole("link", { name: "Publications", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Publications de l’Observatoire" })).toBeVisible();
}

const rowOf = (page: Page, period: string) => page.getByTestId("publications-table").locator("tbody tr", { hasText: period });

test("a coordinator generates the annual report, downloads it and publishes it in place of the demo's", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "coordinator@bps.demo");
  await openPublications(page);
  const demo = rowOf(page, "2009–2018");
  await expect(demo).toContainText(TITLE);
  await expect(demo).toContainText("Publié");
  await expect(demo).toContainText("synthétiques");
  await audit(page, "publications");

  // the year proposed is the last year of the data; a year without data: the message sits next to the field
  await expect(page.getByLabel("Année du rapport")).toHaveValue(/^20\d\d$/);
  await page.getByLabel("Année du rapport").fill("2099");
  await page.getByRole("button", { name: "Générer" }).click();
  await expect(page.getByText(/^Les données couvrent les années 2009 à 20\d\d\.$/)).toBeVisible();

  await page.getByLabel("Année du rapport").fill("2018");
  await page.getByLabel("Première année (facultatif)").fill("2014");
  await page.getByRole("button", { name: "Générer" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Brouillon créé : ${TITLE}.` })).toBeVisible({ timeout: 30_000 });
  const draft = rowOf(page, "2014–2018");
  await expect(draft).toContainText("Brouillon");

  const [download] = await Promise.all([page.waitForEvent("download"), draft.getByRole("link", { name: /^PDF FR/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^annual-report-2018-[0-9a-f]{8}-fr\.pdf$/);
  expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe("%PDF-");

  // one published annual report per year: the demo's must be withdrawn first
  await draft.getByRole("button", { name: "Publier" }).click();
  await draft.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("alert")).toContainText("Un rapport annuel 2018 est déjà publié ; retirez-le d’abord.");
  await demo.getByRole("button", { name: "Retirer" }).click();
  await demo.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Retiré : ${TITLE}.` })).toBeVisible();
  await expect(demo).toContainText("Retiré");
  await draft.getByRole("button", { name: "Publier" }).click();
  await draft.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Publié : ${TITLE}.` })).toBeVisible({ timeout: 30_000 });
  await expect(draft).toContainText("Publié");
  await audit(page, "publications after publishing");
});

test("a viewer sees the published report only, with its files and without the form", async ({ page }) => {
  await signIn(page, "viewer@bps.demo");
  await openPublications(page);
  await expect(page.getByRole("heading", { name: "Générer le rapport annuel" })).toHaveCount(0);
  const rows = page.getByTestId("publications-table").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("2014–2018");
  await expect(rows.first().getByRole("button")).toHaveCount(0);
  const href = await rows.first().getByRole("link", { name: /^Manifeste JSON/ }).getAttribute("href");
  const manifest = (await (await page.request.get(href!)).json()) as { year: number; period: { from: number }; sha256: string };
  expect([manifest.year, manifest.period.from]).toEqual([2018, 2014]);
  await expect(rows.first().locator("code")).toHaveText(manifest.sha256.slice(0, 12));
  await audit(page, "publications as viewer");
});
