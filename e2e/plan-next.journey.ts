import { expect, test, type Page } from "@playwright/test";
import { audit, signIn } from "./helpers.js";

// A coordinator prepares the next plan (2021-2024) from the demo plan (2017-2020), keeping
// a few measures: the server's error shows next to the code, the new plan opens on its
// dashboard with a confirmation, and its measures are exactly those kept. axe-core
// (WCAG 2.1 AA, as in accessibility.journey.ts) on the page, also while it shows the error.
// Demo content is found through the pages, never assumed.

const codeOf = async (row: ReturnType<Page["locator"]>) => ((await row.locator("td").first().innerText()).trim().match(/(\S+)$/) ?? [""])[0];

test("a coordinator prepares the 2021-2024 plan keeping a few measures; WCAG 2.1 AA", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  await signIn(page, "coordinator@bps.demo");
  await page.getByRole("link", { name: "Plan régional" }).click();
  await page.getByRole("link", { name: "Préparer le plan suivant" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Préparer le plan suivant" })).toBeFocused();

  // The years follow the current plan; the code and titles move its years along.
  await expect(page.getByLabel("Année de début")).toHaveValue("2021");
  await expect(page.getByLabel("Année de fin")).toHaveValue("2024");
  await expect(page.getByLabel("Code")).toHaveValue(/2021-2024/);
  const table = page.getByTestId("next-measures-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const total = await table.locator("tbody tr").count();
  const summary = page.getByTestId("next-summary");
  // By default, measures neither done nor stopped are kept.
  const open = await table.locator("tbody tr").filter({ hasNot: page.locator(".status-done, .status-stopped") }).count();
  await expect(summary).toHaveText(`${open} mesures reprises sur ${total}`);
  await expect(page.getByRole("group", { name: "Mesures à reprendre dans le nouveau plan" })).toBeVisible();
  await audit(page, "next plan");

  // None, then two measures of the first theme and one of the second.
  await page.getByRole("button", { name: "Tout décocher" }).click();
  await expect(summary).toHaveText(`Aucune mesure reprise sur ${total}`);
  const themeFilter = page.getByLabel("Afficher le thème");
  await themeFilter.selectOption({ index: 1 });
  const rows = table.locator("tbody tr");
  const kept = [await codeOf(rows.nth(0)), await codeOf(rows.nth(1))];
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").press("Space");
  await expect(rows.nth(1).getByRole("checkbox")).toBeChecked();
  await themeFilter.selectOption({ index: 2 });
  kept.push(await codeOf(rows.nth(0)));
  await rows.nth(0).getByRole("checkbox", { name: `Reprendre la mesure ${kept[2]}` }).check();
  await themeFilter.selectOption({ index: 0 });
  await expect(rows).toHaveCount(total);
  await expect(summary).toHaveText(`3 mesures reprises sur ${total}`);

  // A code already taken: the server's message shows next to the code.
  const code = page.getByLabel("Code");
  const proposed = await code.inputValue();
  await code.fill(proposed.replace("2021-2024", "2017-2020"));
  await page.getByLabel("Titre en français").fill(`Plan global de sécurité et de prévention 2021-2024 ${stamp}`);
  await page.getByLabel("Titre en néerlandais").fill(`Globaal veiligheids- en preventieplan 2021-2024 ${stamp}`);
  await page.getByLabel("Titre en anglais").fill(`Global security and prevention plan 2021-2024 ${stamp}`);
  await page.getByRole("button", { name: "Créer le plan suivant" }).click();
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("plan-next-form").locator(".field-error")).toHaveText("Ce code est déjà utilisé.");
  await audit(page, "next plan with an error");

  await code.fill(`gvpp-2021-2024-${stamp}`);
  await page.getByRole("button", { name: "Créer le plan suivant" }).click();

  // The new plan's dashboard, with the confirmation.
  await expect(page).toHaveURL(/\/plan$/);
  await expect(page.getByRole("status").filter({ hasText: "a été créé en brouillon avec 3 mesures reprises" })).toBeVisible();
  await expect(page.locator("#plan-summary-title")).toContainText(`2021-2024 ${stamp}`);

  // Its measures are exactly those kept.
  await page.getByRole("navigation", { name: "Sections du plan" }).getByRole("link", { name: "Mesures", exact: true }).click();
  const list = page.getByTestId("measures-table");
  await expect(list.locator("tbody tr")).toHaveCount(3);
  const codes = (await list.locator("tbody tr td:first-child").allInnerTexts()).map((c) => c.trim());
  expect(codes.sort()).toEqual([...kept].sort());
});
