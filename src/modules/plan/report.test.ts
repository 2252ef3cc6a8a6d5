/** The council report pack (PDF, FR and NL) and its XLSX annex, read back: accents, sections, page numbers, determinism. */
import assert from "node:assert/strict";
import { it } from "node:test";
import ExcelJS from "exceljs";
import type { Db } from "../../server/db/database.js";
import { formatDate } from "../../shared/locale.js";
import { forEachDatabase } from "../../../test/helpers/databases.js";
import { pdfText } from "../../../test/helpers/pdf.js";
import { agencyAdmin } from "../../../test/helpers/access.builders.js";
import { buildMeasure, buildPlan, type BuiltPlan } from "../../../test/helpers/plan.builders.js";
import { reportAnnexXlsx } from "./report-annex.js";
import { reportPdf } from "./report-pdf.js";
import { getSnapshot, takeSnapshot } from "./snapshot.service.js";


async function decision(db: Db, plan: BuiltPlan, measureId: number, fr: string, nl: string) {
  const body = await db
    .insertInto("plan_bodies")
    .values({ plan_id: plan.id, kind: "security_council", theme_id: null, name_fr: "Conseil régional de sécurité", name_nl: "Gewestelijke Veiligheidsraad", name_en: "Regional Security Council" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const meeting = await db
    .insertInto("plan_meetings")
    .values({ body_id: body.id, starts_at: new Date(Date.now() - 10 * 86_400_000).toISOString(), location: "Bruxelles", status: "held", minutes_fr: "", minutes_nl: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("plan_decisions").values({ meeting_id: meeting.id, agenda_item_id: null, measure_id: measureId, text_fr: fr, text_nl: nl }).execute();
}

forEachDatabase("plan report pack", (ctx) => {
  /** A plan with a done measure with accented titles, a late milestone and a recent decision, frozen in a snapshot. */
  async function frozenPlan(extraMeasures = 0) {
    const plan = await buildPlan(ctx.db, { themes: 2 });
    const done = await buildMeasure(ctx.db, plan, { code: "1.1", status: "done", progress: 100, leadOrganisationCode: "mun-21001", milestones: [{ due: "2018-03-01" }] });
    await ctx.db
      .updateTable("plan_measures")
      .set({ title_fr: "Prévention à l’école et médiation", title_nl: "Coördinatie van de buurtbemiddeling" })
      .where("id", "=", done.id)
      .execute();
    await ctx.db.updateTable("plan_milestones").set({ title_fr: "Évaluation intermédiaire", title_nl: "Tussentijdse evaluatie" }).where("measure_id", "=", done.id).execute();
    await decision(ctx.db, plan, done.id, "Le Conseil approuve le bilan intermédiaire.", "De Raad keurt de tussentijdse balans goed.");
    for (let i = 0; i < extraMeasures; i++) {
      await buildMeasure(ctx.db, plan, { code: `${(i % 2) + 1}.${Math.floor(i / 2) + 2}`, themeId: plan.themes[i % 2]!, progress: i % 101 });
    }
    const admin = await agencyAdmin(ctx.db);
    const id = await ctx.db.transaction().execute((trx) => takeSnapshot(trx, admin, plan.id, "Conseil du 12 juin — bilan"));
    return { plan, done, snapshot: await getSnapshot(ctx.db, id) };
  }

  it("writes the French pack: title page, theme summary, status table, late milestones, decisions, with accents intact", async () => {
    const { plan, done, snapshot } = await frozenPlan();
    const { pages } = await pdfText(await reportPdf(snapshot.data, "fr"));
    const all = pages.join(" ");
    const day = formatDate("fr", snapshot.takenAt);
    assert.match(day, /^\d{2}\/\d{2}\/\d{4}$/);
    assert.ok(pages[0]!.includes(`Plan ${plan.code}`), pages[0]);
    assert.ok(pages[0]!.includes("Conseil du 12 juin — bilan"));
    assert.ok(pages[0]!.includes("Version 1"));
    assert.ok(pages[0]!.includes(`Instantané du ${day}`));
    for (const text of ["Synthèse par thème", "État des mesures", "Jalons en retard", "Décisions des réunions récentes"]) assert.ok(all.includes(text), text);
    assert.ok(all.includes("Prévention à l’école et médiation"));
    assert.ok(all.includes("Réalisée"));
    assert.ok(all.includes("Évaluation intermédiaire"));
    assert.ok(all.includes("01/03/2018"));
    assert.ok(all.includes("Le Conseil approuve le bilan intermédiaire."));
    assert.ok(all.includes(done.code));
    assert.ok(!all.includes("Coördinatie van de buurtbemiddeling"), "the French pack shows French titles");
    pages.forEach((text, i) => assert.ok(text.includes(`p. ${i + 1} / ${pages.length}`), `page ${i + 1} footer`));
  });

  it("writes the Dutch pack with Dutch titles, labels and dates", async () => {
    const { snapshot } = await frozenPlan();
    const { pages } = await pdfText(await reportPdf(snapshot.data, "nl"));
    const all = pages.join(" ");
    assert.ok(all.includes("Coördinatie van de buurtbemiddeling"));
    assert.ok(all.includes("Uitgevoerd"));
    assert.ok(all.includes("Versie 1"));
    assert.ok(all.includes(`Momentopname van ${formatDate("nl", snapshot.takenAt)}`));
    assert.ok(all.includes("Tussentijdse evaluatie"));
    assert.ok(all.includes("De Raad keurt de tussentijdse balans goed."));
    assert.ok(all.includes("Gewestelijke Veiligheidsraad"));
    assert.ok(!all.includes("Réalisée"));
  });

  it("gives byte-identical PDFs for the same snapshot, dated by the snapshot", async () => {
    const { snapshot } = await frozenPlan();
    const first = await reportPdf(snapshot.data, "fr");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await reportPdf(snapshot.data, "fr");
    assert.ok(first.equals(second), "two renderings of one snapshot differ");
    assert.ok(!first.equals(await reportPdf(snapshot.data, "nl")));
    const { info } = await pdfText(first);
    const stamp = new Date(snapshot.takenAt).toISOString().slice(0, 19).replace(/[-T:]/g, "");
    assert.match(String(info.CreationDate), new RegExp(`^D:${stamp}`));
    assert.match(String(info.ModDate), new RegExp(`^D:${stamp}`));
  });

  it("lays a 119-measure plan over several numbered pages", async () => {
    const { snapshot } = await frozenPlan(118);
    const { pages } = await pdfText(await reportPdf(snapshot.data, "fr"));
    assert.ok(pages.length >= 5, `${pages.length} pages`);
    const codes = snapshot.data.measures.map((m) => m.code);
    const statusPages = pages.join(" ");
    assert.ok(codes.every((code) => statusPages.includes(code)));
    assert.ok(pages.at(-1)!.includes(`p. ${pages.length} / ${pages.length}`));
  });

  it("writes the XLSX annex: themes, measures, late milestones and decisions sheets", async () => {
    const { done, snapshot } = await frozenPlan(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportAnnexXlsx(snapshot.data, "nl")) as never);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ["Overzicht per thema", "Maatregelen", "Vertraagde mijlpalen", "Beslissingen"]);
    const [themes, measures, late, decisions] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    assert.equal(themes.actualRowCount, 1 + 2 + 1);
    assert.equal(measures.actualRowCount, 1 + 4);
    const row = measures.getRows(2, 4)!.find((r) => r.getCell(1).value === done.code)!;
    assert.equal(row.getCell(3).value, "Coördinatie van de buurtbemiddeling");
    assert.equal(row.getCell(6).value, "Uitgevoerd");
    assert.equal(row.getCell(7).value, 100);
    assert.equal(late.getRow(2).getCell(3).value, "Tussentijdse evaluatie");
    assert.deepEqual(late.getRow(2).getCell(4).value, new Date("2018-03-01T00:00:00Z"));
    assert.equal(decisions.getRow(2).getCell(4).value, "De Raad keurt de tussentijdse balans goed.");
  });
});
