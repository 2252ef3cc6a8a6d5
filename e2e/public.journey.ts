import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { audit } from "./helpers.js";

interface Figures {
  year: number;
  neighbourhoods: { code: number; name: string; suppressed: boolean }[];
}

// An anonymous visitor reads the published figures: from the sign-in page to /public, a hidden
// small count marked in the table, the page in Dutch, and the open-data CSV without any count
// from 1 to 4.
test("an anonymous visitor reads the published figures and downloads the open data", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Chiffres publics" }).click();
  await expect(page).toHaveURL(/\/public$/);
  await expect(page.getByRole("heading", { name: "Chiffres publics : criminalité enregistrée" })).toBeVisible();
  await expect(page.getByText("années publiées par l'agence (2009 à 2018)", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Année")).toHaveValue("2018");
  await expect(page.getByTestId("synthetic-notice")).toBeVisible();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });
  await expect(page.getByTestId("public-table").locator("tbody tr")).toHaveCount(145);

  // Where does the demo have a hidden count? Ask the public API, as anyone could.
  const { years } = (await (await page.request.get("/api/public/observatory/years")).json()) as { years: number[] };
  let found: { year: number; category: string; name: string } | null = null;
  for (const year of [...years].reverse()) {
    for (const category of ["drugs", "physical_integrity", "damage", "theft"]) {
      const figures = (await (await page.request.get(`/api/public/observatory/figures?year=${year}&category=${category}`)).json()) as Figures;
      const hidden = figures.neighbourhoods.find((n) => n.suppressed);
      if (hidden) found = { year, category, name: hidden.name };
      if (found) break;
    }
    if (found) break;
  }
  expect(found, "the demo data has a hidden count in some published year").not.toBeNull();
  await page.getByLabel("Catégorie").selectOption(found!.category);
  await page.getByLabel("Année").selectOption(String(found!.year));
  const row = page.getByTestId("public-table").locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: found!.name, exact: true }) });
  await expect(row).toContainText("< 5*");
  await expect(page.getByText("non affiché : de 1 à 4, ou masqué", { exact: false })).toBeVisible();
  await audit(page, "public page");

  // The open-data CSV of that year: no count from 1 to 4 anywhere.
  const links = page.getByTestId("public-download-year");
  const [download] = await Promise.all([page.waitForEvent("download"), links.getByRole("link", { name: "CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`vigil-neighbourhoods-${found!.year}.csv`);
  const rows = parse(readFileSync((await download.path())!, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
  expect(rows).toHaveLength(146);
  const countColumns = Object.keys(rows[0]!).filter((c) => !["year", "neighbourhood", "name_fr", "name_nl", "population"].includes(c) && !c.endsWith("_per_1000"));
  const small = rows.flatMap((r) => countColumns.filter((c) => r[c] !== "" && Number(r[c]) >= 1 && Number(r[c]) <= 4).map((c) => `${r.neighbourhood} ${c}=${r[c]}`));
  expect(small).toEqual([]);
  expect(rows.some((r) => r[found!.category] === "")).toBe(true);
  await expect(page.getByTestId("public-metadata")).toHaveAttribute("href", "/api/public/observatory/open-data");

  // The same page in Dutch, still without signing in.
  await page.getByRole("button", { name: /^NL/ }).click();
  await expect(page.getByRole("heading", { name: "Publieke cijfers: geregistreerde criminaliteit" })).toBeVisible();
  await expect(page.getByLabel("Jaar", { exact: true })).toHaveValue(String(found!.year));
  await expect(page.getByTestId("public-table").locator("tbody td", { hasText: "< 5*" }).first()).toBeVisible();
  await audit(page, "public page (nl)");
});
