import { expect, test } from "@playwright/test";

// Issue #2 journey: sign in, switch to Dutch, open the territory map, see the 145
// neighbourhood shapes, open one profile, switch to French.
test("a viewer signs in, reads the territory map in Dutch and French", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Adresse e-mail").fill("viewer@bps.demo");
  await page.getByLabel("Mot de passe").fill("vigil-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("user-name")).toContainText("Victor Viewer");

  await page.getByRole("button", { name: /^NL/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" })).toBeVisible();

  await page.getByRole("link", { name: "Grondgebied" }).click();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });

  // A viewer does not see the administration pages.
  await expect(page.getByRole("link", { name: "Auditlogboek" })).toHaveCount(0);

  // Open the profile of Grand Place / Grote Markt (mdzone 1) from the map.
  await page.locator("path.nbh-1").click();
  const profile = page.getByTestId("neighbourhood-profile");
  await expect(profile.getByRole("heading").first()).toContainText("Grote Markt");
  await expect(profile).toContainText("Brussel");

  await page.getByRole("button", { name: /^FR/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(profile.getByRole("heading").first()).toContainText("Grand Place");
  await expect(page.getByRole("link", { name: "Territoire" })).toBeVisible();

  // The choice is remembered for the account: a reload stays in French.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});

test("an admin browses the audit log and verifies the chain", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Adresse e-mail").fill("admin@bps.demo");
  await page.getByLabel("Mot de passe").fill("vigil-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("link", { name: "Journal d'audit" }).click();
  await expect(page.getByRole("table")).toContainText("reference.seeded");
});
