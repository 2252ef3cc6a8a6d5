import { expect, test, type Page } from "@playwright/test";
import { audit, signIn } from "./helpers.js";

// Priority zones on the synthetic demo series. The seed stores no proposals, so the
// coordinator computes them through the page first; the viewer then reads the same run.
test.describe.configure({ mode: "serial" });

const ACCEPTED_FILL = "#b35806";

async function openZones(page: Page) {
  await page.getByRole("link", { name: "Zones prioritaires" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Zones d’intervention prioritaires" })).toBeVisible();
  await expect(page.locator("path.nbh")).toHaveCount(145, { timeout: 20_000 });
}

test("a coordinator computes theft zones, reads why one qualifies and accepts it with a reason", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "coordinator@bps.demo");
  await openZones(page);
  await expect(page).toHaveURL(/\/observatory\/zones$/);

  await page.getByRole("checkbox", { name: "Vols et extorsions" }).check();
  await expect(page.getByLabel("Nom du groupe")).toHaveValue("theft");
  await page.getByRole("button", { name: "Calculer les propositions" }).click();
  await expect(page.getByRole("status").filter({ hasText: /zones? proposées? pour « theft » sur 2014–2018/ })).toBeVisible({ timeout: 90_000 });

  const rows = page.getByTestId("zones-table").locator("tbody tr");
  await expect(rows.first().getByRole("button")).toBeVisible();
  const first = rows.first();
  const name = (await first.getByRole("button").textContent())!.trim();
  await first.getByRole("button").click();

  const evidence = page.getByTestId("zone-evidence");
  await expect(evidence.getByRole("heading", { name: `Pourquoi ${name} est proposé` })).toBeFocused();
  await expect(evidence).toContainText(/Point chaud durant [345] des 5 dernières années \(3 requises\) pour les taux bruts et lissés, la contiguïté reine et les 6 plus proches voisins, taux de fausses découvertes 5\s%/);
  const grid = page.getByTestId("zone-evidence-grid");
  await expect(grid.locator("tbody tr")).toHaveCount(5);
  expect(await grid.locator("tbody tr.zone-year-qualifies").count()).toBeGreaterThanOrEqual(3);
  await expect(grid.locator("tbody tr.zone-year-qualifies").first().locator("td.zone-test-hot")).toHaveCount(4);

  // No reason: a clear error, nothing sent, still proposed.
  await evidence.getByRole("button", { name: "Accepter" }).click();
  await expect(evidence.getByText("Indiquez le motif de votre décision.")).toBeVisible();
  await expect(evidence.getByLabel("Motif de la décision")).toBeFocused();
  await expect(page.getByTestId("zone-status")).toHaveText("Proposée");

  await evidence.getByLabel("Motif de la décision").fill("Confirmé avec la zone de police");
  await evidence.getByRole("button", { name: "Accepter" }).click();
  await expect(page.getByTestId("zone-status")).toHaveText("Acceptée");
  await expect(page.getByTestId("zone-decision")).toContainText("Acceptée par Koen Coördinator");
  await expect(page.getByTestId("zone-decision")).toContainText("Confirmé avec la zone de police");
  await expect(evidence.getByRole("status")).toHaveText("Zone acceptée.");
  await expect(evidence.getByRole("button", { name: "Accepter" })).toHaveCount(0);

  // The list and the map follow the decision.
  const row = page.getByTestId("zones-table").locator("tbody tr", { has: page.getByRole("button", { name, exact: true }) });
  await expect(row.locator("td").last()).toHaveText("Acceptée");
  await expect(page.locator(`path.nbh[fill="${ACCEPTED_FILL}"]`)).toHaveCount(1);
  await expect(page.getByTestId("map-legend")).toContainText("Acceptée (1)");

  await audit(page, "zones (coordinator)");
});

test("a viewer reads the zones and their evidence but cannot decide", async ({ page }) => {
  await signIn(page, "viewer@bps.demo");
  await openZones(page);
  await expect(page.getByRole("heading", { name: "Calculer des propositions" })).toHaveCount(0);
  await expect(page.getByTestId("zones-table").locator("tbody tr td").last()).toBeVisible();
  await page.getByTestId("zones-table").locator("tbody tr").first().getByRole("button").click();
  await expect(page.getByTestId("zone-evidence-grid")).toBeVisible();
  await expect(page.getByRole("button", { name: "Accepter" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rejeter" })).toHaveCount(0);
  await audit(page, "zones (viewer)");
});
