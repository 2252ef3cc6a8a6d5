import assert from "node:assert/strict";
import { it } from "node:test";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { CRIME_TAXONOMY_VERSION, seedCrimeTaxonomy } from "./taxonomy.seed.js";

// Expected sizes: the shared source file holds 12 categories and 13 phenomena
// (/work/shared/data/brussels/SOURCES.md, "crime_categories_UNVERIFIED.csv"); we add 2 phenomena.
forEachDatabase("seedCrimeTaxonomy", (ctx) => {
  it("creates the active taxonomy once, with 12 categories and 15 phenomena", async () => {
    assert.equal(await ctx.db.transaction().execute((trx) => seedCrimeTaxonomy(trx)), true);
    assert.equal(await ctx.db.transaction().execute((trx) => seedCrimeTaxonomy(trx)), false);
    const taxonomies = await ctx.db.selectFrom("crime_taxonomies").selectAll().execute();
    assert.equal(taxonomies.length, 1);
    assert.equal(taxonomies[0]!.version, CRIME_TAXONOMY_VERSION);
    assert.equal(taxonomies[0]!.status, "active");
    const rows = await ctx.db.selectFrom("crime_categories").selectAll().where("taxonomy_id", "=", taxonomies[0]!.id).execute();
    assert.equal(rows.filter((r) => r.level === "category").length, 12);
    assert.equal(rows.filter((r) => r.level === "phenomenon").length, 15);
  });

  it("puts every phenomenon under a category and flags unverified labels", async () => {
    const rows = await ctx.db.selectFrom("crime_categories").selectAll().execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows) {
      if (r.level === "category") assert.equal(r.parent_id, null);
      else assert.equal(byId.get(r.parent_id!)?.level, "category", r.code);
    }
    const code = (c: string) => rows.find((r) => r.code === c)!;
    for (const c of ["theft.car", "theft.from_vehicle", "theft.pickpocketing", "theft.bag_snatching", "theft.armed_robbery", "theft.burglary_home", "theft.violent"]) {
      assert.equal(byId.get(code(c).parent_id!)?.label_fr, "Vols et extorsions", c);
    }
    assert.equal(code("theft.from_vehicle").label_nl, "Diefstal in/op voertuig");
    assert.equal(code("theft.violent").label_fr, "Vol avec violence");
    // The source file is UNVERIFIED as a whole: no label was checked against police.be.
    assert.ok(rows.every((r) => r.to_verify === 1));
  });
}, { seeded: false });
