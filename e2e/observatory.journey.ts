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
