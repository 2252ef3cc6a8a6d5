import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { formatNumber } from "../src/shared/locale.js";
import { audit, signIn } from "./helpers.js";

// Importing facts from the web app: a file with a bad row is refused with that row named and a
// report to download; the corrected file is stored and listed. Then the explorer's CSV export
// holds the rows its table shows. Drugs in 2024 keep the explorer's years (2009-2018) unchanged.
const facts = (neighbourhood: string) => `neighbourhood;category;month;count\n1;drugs;2024-01;3\n${neighbourhood};drugs;2024-01;4\n2;drugs;2024-02;1\n`;

async function choose(page: Page, text: string) {
  await page.getByLabel("Fichier (CSV ou XLSX)").setInputFiles({ name: "faits-e2e.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
}

/** The explorer table's cells per neighbourhood code: [name, population, count, rate, smoothed]. */
async function tableByCode(page: Page): Promise<Map<string, string[]>> {
  const rows = await page.getByTestId("observatory-table").locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((cell) => (cell.textContent ?? "").trim())),
  );
  return new Map(rows.map(([name, code, ...figures]) => [code!, [name!, ...figures]]));
}

test("an analyst imports facts, corrects the bad row, and exports what the explorer shows", async ({ page }) => {
  await signIn(page, "analyst@bps.demo");
  await page.getByRole("link", { name: "Importer des faits" }).click();
  await expect(page.getByRole("heading", { name: "Importer la criminalité enregistrée", level: 1 })).toBeVisible();

  await choose(page, facts("99999"));
  await page.getByLabel("Source", { exact: true }).fill("e2e-import");
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors.locator("tbody tr")).toHaveCount(1);
  await expect(errors.locator("tbody tr th")).toHaveText("Ligne 3 : quartier inconnu « 99999 »");
  await expect(errors.locator("tbody tr td").first()).toHaveText("3");
  await expect(page.getByTestId("import-failed")).toContainText("1 erreur trouvée");
  await expect(page.getByRole("progressbar", { name: "Progression" })).toHaveAttribute("value", "100");
  await expect(page.getByTestId("import-phase")).toHaveText("Arrêté");

  const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-error-report").click()]);
  const lines = parse(readFileSync(await report.path()), { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
  expect(lines.map((l) => [l.row, l.column, l.value])).toEqual([["3", "neighbourhood", "99999"]]);
  expect(lines[0]!.message_nl).toContain("onbekende wijk");
  await audit(page, "import with row errors");

  await choose(page, facts("2"));
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lot enregistré" })).toContainText("e2e-import|aggregated|2024-01-01|2024-02-29");
  await expect(errors).toHaveCount(0);
  const batch = page.getByTestId("import-batches").locator("tbody tr").filter({ hasText: "faits-e2e.csv" });
  await expect(batch).toHaveCount(1);
  await expect(batch).toContainText("Enregistrées");
  await expect(page.getByTestId("import-batches").locator("tbody tr").filter({ hasText: "Synthétiques (démo)" })).toHaveCount(1);
  await audit(page, "import done");

  await page.getByRole("link", { name: "Observatoire", exact: true }).click();
  const table = page.getByTestId("observatory-table");
  await expect(table.locator("tbody tr")).toHaveCount(145, { timeout: 20_000 });
  await expect(table.locator("tbody td.measure-current").filter({ hasText: /\d/ }).first()).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("choropleth-downloads").locator('a[data-format="csv"]').click()]);
  expect(file.suggestedFilename()).toBe("vigil-observatory-rates-theft-2018-count.csv");
  const rows = parse(readFileSync(await file.path()), { bom: true, columns: true }) as Record<string, string>[];
  const shown = await tableByCode(page);
  expect(rows).toHaveLength(shown.size);
  const text = (value: string, digits: number) => (value === "" ? "n.d." : formatNumber("fr", Number(value), { maximumFractionDigits: digits }));
  for (const row of rows) {
    expect(shown.get(row.code!), `neighbourhood ${row.code}`).toEqual([
      row.name_fr,
      text(row.population!, 0),
      text(row.count!, 0),
      text(row.rate_per_1000!, 2),
      text(row.smoothed_per_1000!, 2),
    ]);
  }
});

// Deleting a batch: refused while the published report counts it (the synthetic one), done
// after a confirmation for the analyst's own batch.
test("an analyst deletes an imported batch; the one a published report counts is kept", async ({ page }) => {
  await signIn(page, "analyst@bps.demo");
  await page.getByRole("link", { name: "Importer des faits" }).click();
  const table = page.getByTestId("import-batches");
  const synthetic = table.locator("tbody tr").filter({ hasText: "Synthétiques (démo)" });
  await synthetic.getByRole("button", { name: "Supprimer" }).click();
  await synthetic.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("alert")).toContainText("rapport annuel 2018");
  await expect(synthetic).toHaveCount(1);

  const own = table.locator("tbody tr").filter({ hasText: "faits-e2e.csv" });
  await own.getByRole("button", { name: "Supprimer" }).click();
  await own.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "supprimé avec toutes ses lignes" })).toContainText("e2e-import|aggregated|2024-01-01|2024-02-29");
  await expect(own).toHaveCount(0);
  await audit(page, "import page after a deletion");
});
