import { expect, test } from "@playwright/test";
import { audit, signIn } from "./helpers.js";

// The observatory's neighbourhood profile: a viewer opens the Grand Place (Pentagon, mdzone 1),
// reads the table of categories and the chart, finds suppressed figures written as such, and
// switches to Dutch.
test("a viewer reads a Pentagon neighbourhood's crime profile in French, then in Dutch", async ({ page }) => {
  await signIn(page, "viewer@bps.demo");
  await page.goto("/observatory/neighbourhoods/1");
  await expect(page.getByRole("heading", { level: 1, name: "Grand Place" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("profile-place")).toContainText("Bruxelles");
  await expect(page.getByTestId("profile-context")).toContainText("Population (2018)");

  const table = page.getByTestId("profile-table");
  await expect(table.locator("tbody tr")).toHaveCount(12);
  await expect(table.getByRole("rowheader", { name: "Vols et extorsions" })).toBeVisible();
  await expect(table.locator("tbody tr").first()).toContainText(/En (hausse|baisse)|Stable/);
  await expect(page.getByRole("img", { name: /Taux pour 1 000 habitants de « Vols et extorsions » à Grand Place/ })).toBeVisible();
  await expect(page.getByTestId("profile-years").locator("tbody tr")).toHaveCount(10);

  // Armed robberies are rare: some years of the neighbourhood are suppressed, shown as "masqué", not 0.
  await page.getByLabel("Afficher les phénomènes de chaque catégorie").check();
  await expect(table.locator("tbody tr")).toHaveCount(27);
  await page.getByLabel("Catégorie affichée").selectOption("theft.armed_robbery");
  await expect(page.getByTestId("profile-years")).toContainText("masqué");
  await expect(page.getByTestId("profile-download").getByRole("link", { name: "CSV" })).toHaveAttribute("href", /profile\/export\?phenomena=true&format=csv/);

  await audit(page, "profile");

  await page.getByRole("button", { name: /^NL/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1, name: "Grote Markt" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Diefstal en afpersing" })).toBeVisible();
  await expect(page.getByTestId("profile-years")).toContainText("afgeschermd");
  await audit(page, "profile (nl)");

  await page.getByRole("link", { name: "Terug naar de verkenner" }).click();
  await expect(page).toHaveURL(/\/observatory$/);
});
