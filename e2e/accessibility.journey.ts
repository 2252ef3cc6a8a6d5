import { expect, test, type Page } from "@playwright/test";
import { audit } from "./helpers.js";

// WCAG 2.1 AA is the legal bar for Belgian public bodies: axe-core checks each main page
// (labels, names, contrast, landmarks, ARIA) in the three languages.
test("the sign-in page, territory page and admin pages meet WCAG 2.1 AA in axe-core", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByLabel("Adresse e-mail")).toBeVisible();
  await audit(page, "login");

  await page.getByLabel("Adresse e-mail").fill("admin@bps.demo");
  await page.getByLabel("Mot de passe").fill("vigil-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });
  await page.locator("path.nbh-1").click();
  await expect(page.getByTestId("neighbourhood-profile")).toBeVisible();
  await audit(page, "territory (fr)");

  for (const [link, name] of [
    ["Organisations", "organisations"],
    ["Utilisateurs", "users"],
    ["Jetons d'API", "tokens"],
    ["Journal d'audit", "audit"],
    ["Mon compte", "account"],
  ] as const) {
    await page.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(link === "Mon compte" ? "" : link);
    await page.waitForLoadState("networkidle");
    await audit(page, name);
  }

  await page.getByRole("button", { name: /^NL/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.getByRole("link", { name: "Grondgebied" }).click();
  await expect(page.locator("path.nbh")).toHaveCount(145);
  await audit(page, "territory (nl)");
  await page.getByRole("button", { name: /^FR/ }).click();
});
