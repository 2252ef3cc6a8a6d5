import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// The plan's reporting loop, end to end: the agency opens a round, a municipality files
// its update in Dutch, the agency sends it back on one field, the municipality answers
// and files again, the agency validates, the measure shows the new figures, and a frozen
// snapshot's French report pack (PDF) names the measure. Demo content is found through
// the pages (the inbox), never assumed.

const PASSWORD = "vigil-demo-2026";

async function signIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("user-name")).toBeVisible();
  return page;
}

/** A Brussels day `days` from today, as the date inputs want it. */
function dayFromToday(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The text of every page of a PDF, whitespace removed (table cells wrap long titles over several lines). */
async function pdfText(path: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(path)), isEvalSupported: false, useSystemFonts: false }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  await doc.destroy();
  return text.replace(/\s+/g, "");
}

test("a round: the municipality files in Dutch, the agency sends back one field, then validates; the snapshot's PDF names the measure", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const round = { fr: `Cycle e2e ${stamp}`, nl: `Ronde e2e ${stamp}`, en: `Round e2e ${stamp}` };

  // 1. The coordinator opens a new round of the demo plan.
  const agency = await signIn(browser, "coordinator@bps.demo");
  await agency.getByRole("link", { name: "Plan régional" }).click();
  await expect(agency.getByRole("heading", { level: 1 })).toContainText("Plan global");
  await agency.getByRole("navigation", { name: "Sections du plan" }).getByRole("link", { name: "Cycles de rapportage" }).click();
  await agency.getByRole("button", { name: "Ouvrir un cycle" }).click();
  await agency.getByLabel("Nom en français").fill(round.fr);
  await agency.getByLabel("Nom en néerlandais").fill(round.nl);
  await agency.getByLabel("Nom en anglais").fill(round.en);
  await agency.getByLabel("Période").fill(`E2E-${stamp}`.slice(0, 32));
  await agency.getByLabel("Échéance").fill(dayFromToday(30));
  await agency.getByRole("button", { name: "Ouvrir le cycle" }).click();
  await expect(agency.getByRole("status").filter({ hasText: round.fr })).toBeVisible();
  await expect(agency.getByTestId("rounds-table").getByRole("link", { name: round.fr })).toBeVisible();

  // 2. Anderlecht's editor switches to Dutch and opens one of its measures in that round.
  const commune = await signIn(browser, "editor@anderlecht.demo");
  await commune.getByRole("button", { name: /^NL/ }).click();
  await expect(commune.locator("html")).toHaveAttribute("lang", "nl");
  await commune.getByRole("link", { name: "Te bezorgen rapporten" }).click();
  const row = commune.getByTestId("inbox-table").getByRole("row").filter({ hasText: round.nl }).first();
  await expect(row).toContainText("In te vullen");
  const link = row.getByRole("link");
  const code = (await link.getAttribute("data-measure-code"))!;
  expect(code).toBeTruthy();
  await link.click();
  await expect(commune.getByRole("heading", { level: 1 })).toContainText(`Rapport ${code}`);
  const updateUrl = commune.url();

  // 3. It files the update in Dutch and submits it.
  await commune.locator('[data-field="status"]').getByLabel("Status").selectOption("in_progress");
  await commune.getByLabel("Voortgang (%)").fill("40");
  await commune.getByRole("radio", { name: "Nederlands" }).check();
  await commune.getByLabel("Toelichting").fill(`De maatregel loopt volgens plan (${stamp}).`);
  await commune.getByRole("button", { name: "Rapport indienen" }).click();
  await expect(commune.getByRole("status").filter({ hasText: "Het rapport is ingediend" })).toBeVisible();
  await expect(commune.getByTestId("update-state")).toContainText("Ingediend");

  // 4. The coordinator finds it in the round and sends it back with a comment on the progress.
  await agency.getByTestId("rounds-table").getByRole("link", { name: round.fr }).click();
  await agency.getByTestId("round-updates").getByRole("link", { name: new RegExp(`^${code.replace(/\./g, "\\.")} `) }).click();
  await expect(agency.getByTestId("update-state")).toContainText("Transmise");
  expect(agency.url()).toBe(updateUrl);
  const remark = `L'avancement de 40 % semble trop élevé au vu des jalons (${stamp}).`;
  await agency.getByRole("button", { name: "Renvoyer avec des remarques…" }).click();
  await agency.getByLabel("Champ concerné").selectOption("progress");
  await agency.getByLabel("Remarque", { exact: true }).fill(remark);
  await agency.getByRole("button", { name: "Renvoyer", exact: true }).click();
  await expect(agency.getByRole("status").filter({ hasText: "renvoyé à l'organisation" })).toBeVisible();
  await expect(agency.getByTestId("update-state")).toContainText("Renvoyée");

  // 5. The editor sees the comment next to the progress field, corrects it, answers and submits again.
  await commune.reload();
  await expect(commune.getByTestId("update-state")).toContainText("Teruggestuurd");
  const progressField = commune.locator('[data-field="progress"]');
  await expect(progressField.getByTestId("comment-progress")).toContainText(remark);
  await expect(commune.locator('[data-field="narrative"]')).not.toContainText(remark);
  await progressField.getByLabel("Voortgang (%)").fill("35");
  await progressField.getByLabel("Uw antwoord op deze opmerking").fill("Klopt, de voortgang is 35 %.");
  await commune.getByRole("button", { name: "Opnieuw indienen" }).click();
  await expect(commune.getByRole("status").filter({ hasText: "Het rapport is ingediend" })).toBeVisible();
  await expect(commune.getByTestId("update-state")).toContainText("Ingediend");

  // 6. The coordinator validates it; the measure takes the new status and progress.
  await agency.reload();
  await expect(agency.getByTestId("update-state")).toContainText("Transmise");
  await expect(agency.locator('[data-field="progress"]')).toContainText("Klopt, de voortgang is 35 %.");
  await agency.getByRole("button", { name: "Valider", exact: true }).click();
  await expect(agency.getByRole("status").filter({ hasText: "Le rapport est validé" })).toBeVisible();
  await expect(agency.getByTestId("update-state")).toContainText("Validée");

  await agency.locator(".breadcrumb").getByRole("link").click();
  const h1 = agency.getByRole("heading", { level: 1 });
  await expect(h1).toContainText(`${code} · `);
  const titleFr = (await h1.textContent())!.slice(`${code} · `.length);
  expect(titleFr.length).toBeGreaterThan(3);
  await expect(agency.getByTestId("measure-status")).toContainText("En cours");
  await expect(agency.getByTestId("measure-progress")).toContainText(/35\s*%/);
  await expect(agency.getByTestId("history").getByRole("row").filter({ hasText: round.fr })).toContainText("Validée");

  // ... and so does the list of measures.
  await agency.getByRole("navigation", { name: "Sections du plan" }).getByRole("link", { name: "Mesures" }).click();
  await agency.getByLabel("Texte (code ou titre)").fill(code);
  const listed = agency.getByTestId("measures-table").getByRole("row").filter({ hasText: titleFr });
  await expect(listed).toContainText("En cours");
  await expect(listed).toContainText(/35\s*%/);

  // 7. The coordinator takes a snapshot and downloads its French report pack.
  const snapshotTitle = `Instantané e2e ${stamp}`;
  await agency.getByRole("navigation", { name: "Sections du plan" }).getByRole("link", { name: "Fichiers et instantanés" }).click();
  await agency.getByLabel("Titre de l'instantané").fill(snapshotTitle);
  await agency.getByRole("button", { name: "Prendre un instantané" }).click();
  await expect(agency.getByRole("status").filter({ hasText: snapshotTitle })).toBeVisible();
  const snapshotRow = agency.getByTestId("snapshots-table").getByRole("row").filter({ hasText: snapshotTitle });
  const [download] = await Promise.all([agency.waitForEvent("download"), snapshotRow.getByRole("link", { name: /^PDF FR/ }).click()]);
  const pdf = await download.path();
  const text = await pdfText(pdf);
  expect(text).toContain(titleFr.replace(/\s+/g, ""));
  expect(text).toContain(code);

  // Leave the editor's account in French for the other journeys.
  await commune.getByRole("button", { name: /^FR/ }).click();
  await expect(commune.locator("html")).toHaveAttribute("lang", "fr");
});
