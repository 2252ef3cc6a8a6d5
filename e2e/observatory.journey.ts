import { expect, test } from "@playwright/test";
import { audit, signIn } from "./helpers.js";

// The observatory explorer: an analyst opens it, sees the 145 neighbourhoods, switches to the smoothed rate.
test("an analyst explores registered crime by neighbourhood", async ({ page }) => {
  await signIn(page, "analyst@bps.demo");
  await page.getByRole("link", { name: "Observatoire" }).click();
  await expect(page.getByRole("heading", { name: "Observatoire : explorateur" })).toBeVisible();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });
  await expect(page.getByTestId("synthetic-notice")).toBeVisible();

  await page.getByRole("group", { name: "Mesure" }).getByLabel("Taux lissé (bayésien empirique)").check();
  await expect(page.getByRole("heading", { name: "Taux lissé (bayésien empirique)" })).toBeVisible();

  const table = page.getByTestId("observatory-table");
  await expect(table.locator("tbody tr")).toHaveCount(145);
  await expect(table.locator("tbody td.measure-current").filter({ hasText: /\d/ }).first()).toBeVisible();

  await audit(page, "observatory");
});

// The analysis maps: an analyst switches to the hot spots of theft and sees the significant neighbourhoods.
test("an analyst maps the hot spots and clusters of theft", async ({ page }) => {
  await signIn(page, "analyst@bps.demo");
  await page.getByRole("link", { name: "Observatoire" }).click();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });
  await expect(page.getByTestId("choropleth-downloads").getByRole("link", { name: "CSV" })).toHaveAttribute("href", /\/api\/observatory\/export\/rates\?.*format=csv/);

  await page.getByRole("group", { name: "Carte", exact: true }).getByLabel("Points chauds (Gi*)").check();
  await expect(page.getByRole("heading", { name: "Points chauds (Getis-Ord Gi*)" })).toBeVisible();
  await expect(page.getByLabel("Voisinage")).toHaveValue("queen");
  const legend = page.getByTestId("spatial-legend");
  await expect(legend.getByTestId("spatial-settings")).toHaveText(/contiguïté « reine ».*999 permutations.*Benjamini-Hochberg.*α = 0,05/);
  await expect(legend.locator('li[data-class="hot3"]')).toHaveText(/Point chaud, confiance 99 % \([1-9]\d*\)/);
  await expect(page.locator("path.nbh")).toHaveCount(145);

  const table = page.getByTestId("spatial-table");
  await expect(table.locator("tbody tr").first()).toContainText("Point chaud");
  const rows = await table.locator("tbody tr").count();
  await expect(legend).toContainText(`${rows} quartiers significatifs sur 118 analysés`);
  await expect(page.getByTestId("spatial-hotspots-downloads").getByRole("link", { name: "Excel (XLSX)" })).toHaveAttribute(
    "href",
    /\/api\/observatory\/hotspots\/export\?category=theft&year=2018&measure=smoothed&weights=queen&format=xlsx/,
  );
  await audit(page, "observatory hot spots");

  await page.getByRole("group", { name: "Carte", exact: true }).getByLabel("Agrégats (Moran local)").check();
  await expect(page.getByRole("heading", { name: "Agrégats (Moran local)" })).toBeVisible();
  await expect(page.getByTestId("spatial-table").locator("tbody tr").first()).toContainText(/Haut-haut|Bas-bas|Haut-bas|Bas-haut/);

  // a neighbourhood's name leads to its profile
  await page.getByTestId("spatial-table").locator("tbody tr").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/observatory\/neighbourhoods\/\d+$/);
});

// A viewer reads the published figures: the synthetic-data notice, no analysis maps.
test("a viewer sees the synthetic-data notice and only the choropleth", async ({ page }) => {
  await signIn(page, "viewer@bps.demo");
  await page.getByRole("link", { name: "Observatoire" }).click();
  await expect(page.getByTestId("synthetic-notice")).toBeVisible();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });
  await expect(page.getByRole("group", { name: "Carte", exact: true })).toHaveCount(0);
});
