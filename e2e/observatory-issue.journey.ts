import { expect, test } from "@playwright/test";
import { audit, signIn } from "./helpers.js";

// The observatory end to end, as one story (issue #4's check): an analyst imports a CSV with one
// bad row and sees that row's error, fixes it and imports; switches the explorer to rates and
// opens the hot-spot map; a coordinator accepts a priority zone; an anonymous visitor sees small
// counts suppressed on the public page. The steps' details are covered by the journeys of each
// page (import, observatory, zones, public); here they follow each other on the same server.
// Damage zones and a 2026 batch of its own source keep this story apart from those journeys.
test.describe.configure({ mode: "serial" });

const facts = (neighbourhood: string) => `neighbourhood;category;month;count\n5;damage;2026-01;6\n${neighbourhood};damage;2026-01;2\n`;

test("an analyst imports with a bad row, fixes it, maps rates and hot spots", async ({ page }) => {
  await signIn(page, "analyst@bps.demo");
  await page.getByRole("link", { name: "Importer des faits" }).click();
  const file = page.getByLabel("Fichier (CSV ou XLSX)");
  await file.setInputFiles({ name: "issue.csv", mimeType: "text/csv", buffer: Buffer.from(facts("bad-code")) });
  await page.getByLabel("Source", { exact: true }).fill("e2e-issue");
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors.locator("tbody tr")).toHaveCount(1);
  await expect(errors.locator("tbody tr td").first()).toHaveText("3");
  await expect(page.getByTestId("import-batches").locator("tbody tr").filter({ hasText: "issue.csv" })).toHaveCount(0);

  await file.setInputFiles({ name: "issue.csv", mimeType: "text/csv", buffer: Buffer.from(facts("7")) });
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lot enregistré" })).toContainText("e2e-issue|aggregated|2026-01-01|2026-01-31");
  await expect(page.getByTestId("import-batches").locator("tbody tr").filter({ hasText: "issue.csv" })).toHaveCount(1);

  await page.getByRole("link", { name: "Observatoire", exact: true }).click();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });
  await page.getByRole("group", { name: "Mesure" }).getByLabel("Taux pour 1 000 habitants").check();
  await expect(page.getByTestId("observatory-table").locator("tbody td.measure-current").filter({ hasText: /\d,\d/ }).first()).toBeVisible();

  await page.getByRole("group", { name: "Carte", exact: true }).getByLabel("Points chauds (Gi*)").check();
  await expect(page.getByRole("heading", { name: "Points chauds (Getis-Ord Gi*)" })).toBeVisible();
  await expect(page.getByTestId("spatial-table").locator("tbody tr").first()).toContainText("Point chaud");
  await audit(page, "issue journey: hot spots");
});

test("a coordinator accepts a priority zone with a reason", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "coordinator@bps.demo");
  await page.getByRole("link", { name: "Zones prioritaires" }).click();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });
  await page.getByRole("checkbox", { name: "Dégradation de la propriété" }).check();
  await page.getByRole("button", { name: "Calculer les propositions" }).click();
  await expect(page.getByRole("status").filter({ hasText: /zones? proposées? pour « damage »/ })).toBeVisible({ timeout: 90_000 });

  const first = page.getByTestId("zones-table").locator("tbody tr").first();
  await first.getByRole("button").click();
  const evidence = page.getByTestId("zone-evidence");
  await evidence.getByLabel("Motif de la décision").fill("Zone confirmée par le conseil");
  await evidence.getByRole("button", { name: "Accepter" }).click();
  await expect(page.getByTestId("zone-status")).toHaveText("Acceptée");
  await expect(first.locator("td").last()).toHaveText("Acceptée");
});

test("an anonymous visitor sees small counts suppressed on the public page", async ({ page }) => {
  await page.goto("/public");
  await expect(page.getByRole("heading", { name: "Chiffres publics : criminalité enregistrée" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toHaveCount(0);
  // A year and category where the published table hides a count, found as anyone could: through the public API.
  const { years } = (await (await page.request.get("/api/public/observatory/years")).json()) as { years: number[] };
  let found: { year: number; category: string } | null = null;
  for (const year of [...years].reverse()) {
    for (const category of ["drugs", "physical_integrity", "damage", "theft"]) {
      const figures = (await (await page.request.get(`/api/public/observatory/figures?year=${year}&category=${category}`)).json()) as { neighbourhoods: { suppressed: boolean }[] };
      if (!found && figures.neighbourhoods.some((n) => n.suppressed)) found = { year, category };
    }
  }
  expect(found).not.toBeNull();
  await page.getByLabel("Catégorie").selectOption(found!.category);
  await page.getByLabel("Année").selectOption(String(found!.year));
  await expect(page.getByTestId("public-table").locator("tbody td", { hasText: "< 5*" }).first()).toBeVisible();
  // Counts and row totals (the 2nd and 4th data cells of a row): none from 1 to 4 is shown.
  const counts = await page.getByTestId("public-table").locator("tbody tr").evaluateAll((rows) =>
    rows.flatMap((row) => [1, 3].map((k) => (row.querySelectorAll("td")[k]?.textContent ?? "").trim())),
  );
  expect(counts.length).toBe(290);
  expect(counts.filter((text) => /^[1-4]$/.test(text))).toEqual([]);
  await audit(page, "issue journey: public page");
});
