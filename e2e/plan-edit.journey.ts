import { expect, test, type Page } from "@playwright/test";
import { audit, signIn, planSection as section } from "./helpers.js";

// Coordinators' editors: the plan's settings (titles, years, status, frame) and a meeting
// (minutes in French and Dutch, decisions, action items), with axe-core (WCAG 2.1 AA, as in
// accessibility.journey.ts) on both, also while they show the server's errors. Demo content
// is found through the pages, never assumed.

test("the plan settings: a goal added then removed, a theme with measures kept (409 shown next to it); WCAG 2.1 AA", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  await signIn(page, "coordinator@bps.demo");
  await page.getByRole("link", { name: "Plan régional" }).click();
  await page.getByRole("link", { name: "Paramètres du plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paramètres du plan" })).toBeVisible();
  const frame = page.getByTestId("plan-frame-form");
  await expect(frame.getByRole("group", { name: "Thème 1", exact: true })).toBeVisible();
  await audit(page, "plan settings");

  // A new goal: the new row takes focus, and once saved it has the next number.
  const goals = frame.getByRole("group", { name: "Objectifs transversaux" });
  const before = await goals.getByRole("group", { name: /^Objectif \d+$/ }).count();
  await page.getByRole("button", { name: "Ajouter un objectif" }).click();
  const fresh = goals.getByRole("group", { name: "Nouvel objectif 1" });
  await expect(fresh.getByLabel("Titre en français")).toBeFocused();
  await fresh.getByLabel("Titre en français").fill(`Objectif e2e ${stamp}`);
  await fresh.getByLabel("Titre en néerlandais").fill(`Doel e2e ${stamp}`);
  await fresh.getByLabel("Titre en anglais").fill(`Goal e2e ${stamp}`);
  await page.getByRole("button", { name: "Enregistrer le cadre" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Le cadre du plan a été enregistré." })).toBeVisible();
  const added = goals.getByRole("group", { name: `Objectif ${before + 1}`, exact: true });
  await expect(added.getByLabel("Titre en français")).toHaveValue(`Objectif e2e ${stamp}`);

  // Theme 1 has measures: removing it is refused, and the reason shows on that theme.
  const theme = frame.getByRole("group", { name: "Thème 1", exact: true });
  await theme.getByRole("button", { name: "Retirer Thème 1", exact: true }).click();
  await expect(theme).toContainText("sera retiré");
  await page.getByRole("button", { name: "Enregistrer le cadre" }).click();
  await expect(theme.locator(".field-error")).toContainText("Le thème 1 compte encore");
  await audit(page, "plan settings with a refused removal");
  await theme.getByRole("button", { name: "Garder Thème 1", exact: true }).click();

  // The goal added above goes again.
  await added.getByRole("button", { name: `Retirer Objectif ${before + 1}`, exact: true }).click();
  await page.getByRole("button", { name: "Enregistrer le cadre" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Le cadre du plan a été enregistré." })).toBeVisible();
  await expect(goals.getByRole("group", { name: /^Objectif \d+$/ })).toHaveCount(before);

  // The plan's years: the end before the start is named next to the end year.
  await page.getByLabel("Année de fin").fill("2010");
  await page.getByRole("button", { name: "Enregistrer le plan" }).click();
  await expect(page.getByTestId("plan-fields-form").locator(".field-error")).toHaveText("L'année de fin précède l'année de début.");
  await expect(page.getByLabel("Année de fin")).toHaveAttribute("aria-invalid", "true");
});

test("a coordinator records minutes in French and Dutch, a decision and an action item of a working group meeting; WCAG 2.1 AA", async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const minutes = { fr: `Procès-verbal e2e ${stamp} : le groupe a fait le point.`, nl: `Notulen e2e ${stamp}: de groep maakte de balans op.` };
  const decisionText = { fr: `Décision e2e ${stamp}`, nl: `Beslissing e2e ${stamp}` };
  const actionTitle = `Action e2e ${stamp}`;

  await signIn(page, "coordinator@bps.demo");
  await page.getByRole("link", { name: "Plan régional" }).click();
  await section(page, "Organes");
  const group = page.getByTestId("bodies-table").locator("tbody tr").filter({ hasText: "Groupe de travail" }).first();
  await group.getByRole("link").first().click();
  await expect(page.getByTestId("members-table")).toBeVisible();
  await page.locator("a[href^='/plan/meetings/']").first().click();
  await expect(page.getByRole("heading", { name: "Ordre du jour" })).toBeVisible();
  const meetingUrl = page.url();

  await page.getByRole("button", { name: "Modifier la réunion" }).click();
  const editor = page.getByTestId("meeting-editor");
  await expect(page.getByRole("heading", { name: "Modifier la réunion" })).toBeFocused();
  await audit(page, "meeting editor");

  await editor.getByLabel("Procès-verbal en français").fill(minutes.fr);
  await editor.getByLabel("Procès-verbal en néerlandais").fill(minutes.nl);

  // A new decision, saved empty first: the server names its texts, shown next to them.
  await page.getByRole("button", { name: "Ajouter une décision" }).click();
  const decision = editor.getByRole("group", { name: /^Décision \d+$/ }).last();
  const decisionName = (await decision.locator("legend").first().textContent())!;
  await expect(decision.getByLabel("Texte en français")).toBeFocused();
  await page.getByRole("button", { name: "Enregistrer la réunion" }).click();
  await expect(decision.getByLabel("Texte en français")).toHaveAttribute("aria-invalid", "true");
  await expect(decision.locator(".field-error").first()).toBeVisible();
  await audit(page, "meeting editor with errors");
  await decision.getByLabel("Texte en français").fill(decisionText.fr);
  await decision.getByLabel("Texte en néerlandais").fill(decisionText.nl);

  await page.getByRole("button", { name: "Ajouter une action" }).click();
  const action = editor.getByRole("group", { name: /^Action \d+$/ }).last();
  await action.getByLabel("Intitulé").fill(actionTitle);
  await action.getByLabel("Organisation responsable").selectOption({ index: 1 });
  await action.getByLabel("Échéance").fill("2030-06-30");
  await action.getByLabel("Suite de la décision").selectOption({ label: `${decisionName} · ${decisionText.fr}` });
  await page.getByRole("button", { name: "Enregistrer la réunion" }).click();
  await expect(page.getByRole("status").filter({ hasText: "La réunion a été enregistrée." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Modifier la réunion" })).toBeFocused();

  const shows = async () => {
    await expect(page.locator(".card[lang='fr'] .prewrap")).toHaveText(minutes.fr);
    await expect(page.locator(".card[lang='nl'] .prewrap")).toHaveText(minutes.nl);
    await expect(page.locator("ol.decisions")).toContainText(decisionText.fr);
    await expect(page.getByRole("rowheader", { name: actionTitle })).toBeVisible();
  };
  await shows();
  await page.reload();
  expect(page.url()).toBe(meetingUrl);
  await shows();

  // Reopened, the editor has the decision and the action item linked to it.
  await page.getByRole("button", { name: "Modifier la réunion" }).click();
  const saved = page.getByTestId("meeting-editor").getByRole("group", { name: /^Action \d+$/ }).filter({ has: page.locator(`input[value="${actionTitle}"]`) });
  await expect(saved.getByLabel("Suite de la décision")).toHaveValue(/^decision-\d+$/);
  await page.getByRole("button", { name: "Annuler" }).click();
});
