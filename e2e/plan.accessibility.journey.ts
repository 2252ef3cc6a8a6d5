import { expect, test, type Page } from "@playwright/test";
import { audit, signIn, planSection as section } from "./helpers.js";

// WCAG 2.1 AA over the plan's pages (axe-core, as in accessibility.journey.ts): the agency's
// views, the explanation dialog, a municipality's inbox and update form, and Dutch.
test("the plan's pages meet WCAG 2.1 AA in axe-core", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "coordinator@bps.demo");

  await page.getByRole("link", { name: "Plan régional" }).click();
  await expect(page.getByTestId("theme-grid")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("path.nbh").first()).toBeVisible({ timeout: 20_000 });
  await audit(page, "dashboard");

  await page.getByTestId("overall-progress").click();
  const dialog = page.getByTestId("explain-dialog");
  await expect(dialog.getByRole("table")).toBeVisible();
  await audit(page, "progress explanation");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("overall-progress")).toBeFocused();

  await section(page, "Mesures");
  await expect(page.getByTestId("measures-table").locator("tbody tr").first()).toBeVisible();
  await audit(page, "measures");
  await page.getByTestId("measures-table").locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByTestId("measure-summary")).toBeVisible();
  await audit(page, "measure");
  await page.getByRole("button", { name: "Modifier la mesure" }).click();
  await expect(page.getByRole("heading", { name: /^Modifier la mesure / })).toBeVisible();
  await audit(page, "measure edit form");

  await section(page, "Cycles de rapportage");
  await page.getByRole("button", { name: "Ouvrir un cycle" }).click();
  await audit(page, "rounds with the form");
  await page.getByRole("button", { name: "Annuler" }).click();
  await page.getByTestId("rounds-table").locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByTestId("round-updates")).toBeVisible();
  await audit(page, "round");

  await section(page, "Organes");
  await expect(page.getByTestId("bodies-table").locator("tbody tr").first()).toBeVisible();
  await audit(page, "bodies");
  await page.getByTestId("bodies-table").locator("tbody tr").first().getByRole("link").first().click();
  await expect(page.getByTestId("members-table")).toBeVisible();
  await audit(page, "body");
  const meeting = page.locator("a[href^='/plan/meetings/']").first();
  if (await meeting.count()) {
    await meeting.click();
    await expect(page.getByRole("heading", { name: "Ordre du jour" })).toBeVisible();
    await audit(page, "meeting");
  }

  await section(page, "Calendrier");
  await expect(page.getByTestId("calendar")).toBeVisible();
  await audit(page, "calendar");

  await section(page, "Fichiers et instantanés");
  for (const title of ["Accessibilité A", "Accessibilité B"]) {
    await page.getByLabel("Titre de l'instantané").fill(title);
    await page.getByRole("button", { name: "Prendre un instantané" }).click();
    await expect(page.getByTestId("snapshots-table")).toContainText(title);
  }
  // The choices are the snapshots, newest first, after "Choose…": compare the two just taken.
  await page.getByLabel("Ancien").selectOption({ index: 2 });
  await page.getByLabel("Récent").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Comparer" }).click();
  await expect(page.getByTestId("snapshot-diff")).toBeVisible();
  await audit(page, "files");

  await page.getByRole("button", { name: /^NL/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.getByRole("navigation", { name: "Onderdelen van het plan" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("theme-grid")).toBeVisible();
  await audit(page, "dashboard (nl)");
  await page.getByRole("button", { name: /^FR/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});

test("a municipality's inbox and update form, and the agency's review, meet WCAG 2.1 AA in axe-core", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const agency = await (await browser.newContext()).newPage();
  await signIn(agency, "coordinator@bps.demo");
  await agency.getByRole("link", { name: "Plan régional" }).click();
  await section(agency, "Cycles de rapportage");
  await agency.getByRole("button", { name: "Ouvrir un cycle" }).click();
  await agency.getByLabel("Nom en français").fill(`Cycle a11y ${stamp}`);
  await agency.getByLabel("Nom en néerlandais").fill(`Ronde a11y ${stamp}`);
  await agency.getByLabel("Nom en anglais").fill(`Round a11y ${stamp}`);
  await agency.getByLabel("Période").fill(`A11Y-${stamp}`);
  await agency.getByLabel("Échéance").fill("2099-12-31");
  await agency.getByRole("button", { name: "Ouvrir le cycle" }).click();
  await expect(agency.getByTestId("rounds-table").getByRole("link", { name: `Cycle a11y ${stamp}` })).toBeVisible();

  const commune = await (await browser.newContext()).newPage();
  await signIn(commune, "editor@anderlecht.demo");
  await commune.getByRole("link", { name: "Rapports à déposer" }).click();
  const row = commune.getByTestId("inbox-table").getByRole("row").filter({ hasText: `Cycle a11y ${stamp}` }).first();
  await expect(row).toBeVisible();
  await audit(commune, "inbox");
  const code = (await row.getByRole("link").getAttribute("data-measure-code"))!;
  await row.getByRole("link").click();
  await expect(commune.getByRole("heading", { name: "Votre rapport" })).toBeVisible();
  await audit(commune, "update form");
  await commune.getByLabel("Avancement (%)").fill("20");
  await commune.getByRole("button", { name: "Déposer le rapport" }).click();
  await expect(commune.getByTestId("update-state")).toContainText("Transmise");
  await audit(commune, "update as filed");

  await agency.getByTestId("rounds-table").getByRole("link", { name: `Cycle a11y ${stamp}` }).click();
  await agency.getByTestId("round-updates").getByRole("link", { name: new RegExp(`^${code.replace(/\./g, "\\.")} `) }).click();
  await agency.getByRole("button", { name: "Renvoyer avec des remarques…" }).click();
  await expect(agency.getByLabel("Champ concerné")).toBeVisible();
  await audit(agency, "update under review");
});
