/**
 * The observatory's annual report pack for 2018 on the demo data (ten years of synthetic
 * counts, 145 neighbourhoods): every figure from the manifest (series, trends, disclosure
 * control, Gi* with 999 permutations, priority zones: 20 Gi* runs), the PDF in French and
 * in Dutch (three maps each) and the XLSX annex. One cold run (fonts, weights, JIT), then
 * BENCH_RUNS timed runs: median and slowest, each checked byte-identical to the first PDF.
 * Peer: a bare pdfkit document with the same fonts and the same page count (the floor of
 * writing such a PDF). Aim: the pack under 5 s, as the plan's report pack.
 *
 *   npm run bench:observatory-report   (SQLite; PostgreSQL too when VIGIL_TEST_DATABASE_URL is set)
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { seed } from "../src/server/seed.js";
import { createDocument, finish, heading, paragraph } from "../src/modules/plan/report-layout.js";
import { regenerate, storedManifest } from "../src/modules/observatory/publications/publication.service.js";
import { createPostgresDatabase } from "../test/helpers/databases.js";
import { tempDbPath } from "./lib.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

async function pageCount(pdf: Buffer): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages = doc.numPages;
  await doc.destroy();
  return pages;
}

/** The floor: DejaVu embedded, the same number of A4 pages, one heading and one paragraph each. */
async function barePdf(pages: number): Promise<Buffer> {
  const doc = createDocument({ title: "peer", subject: "peer", at: new Date("2019-03-01T00:00:00Z"), lang: "fr-BE" });
  for (let i = 0; i < pages; i++) {
    if (i > 0) doc.addPage();
    heading(doc, `Page ${i + 1} — évolution, méthodes`);
    paragraph(doc, "Taux pour 1 000 habitants, points chauds et zones d’intervention prioritaires. ".repeat(8));
  }
  return finish(doc, (page, total) => `p. ${page} / ${total}`, "peer");
}

async function run(label: string, url: string): Promise<string[]> {
  const db = openDatabase(url);
  try {
    await migrateToLatest(db);
    await seed(db, { demo: true, observatoryDemo: true });
    const row = await db.selectFrom("observatory_publications").selectAll().where("year", "=", 2018).where("status", "=", "published").executeTakeFirstOrThrow();
    const manifest = storedManifest(row);
    const pack = async () => {
      const t0 = performance.now();
      const report = await regenerate(db, manifest);
      const t1 = performance.now();
      const fr = await report.pdf("fr");
      const t2 = performance.now();
      const nl = await report.pdf("nl");
      const t3 = performance.now();
      const annex = await report.annex("fr");
      const t4 = performance.now();
      return { fr, bytes: fr.length + nl.length + annex.length, figures: t1 - t0, pdfFr: t2 - t1, pdfNl: t3 - t2, annex: t4 - t3, total: t4 - t0 };
    };
    const cold = await pack();
    const runs: Awaited<ReturnType<typeof pack>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const again = await pack();
      if (!again.fr.equals(cold.fr)) throw new Error("the PDF differs from one run to the next");
      runs.push(again);
    }
    const pages = await pageCount(cold.fr);
    const peerTimes = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await barePdf(pages);
      peerTimes.push(performance.now() - started);
    }
    const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
    const pick = (key: "figures" | "pdfFr" | "pdfNl" | "annex" | "total") => runs.map((r) => r[key]);
    return [
      `${label}: 2018 report, ${manifest.period.from}-${manifest.period.to}, ${manifest.batches[0]!.rows} count rows, ${pages} pages per PDF, ${(cold.bytes / 1024).toFixed(0)} KiB in all`,
      `  full pack (figures + PDF fr + PDF nl + annex)  median ${ms(median(pick("total")))}   slowest ${ms(Math.max(...pick("total")))}   cold ${ms(cold.total)}`,
      `    figures from the manifest                   median ${ms(median(pick("figures")))}`,
      `    PDF fr                                      median ${ms(median(pick("pdfFr")))}`,
      `    PDF nl                                      median ${ms(median(pick("pdfNl")))}`,
      `    XLSX annex                                  median ${ms(median(pick("annex")))}`,
      `  peer: bare pdfkit document, ${pages} pages, DejaVu   median ${ms(median(peerTimes))}`,
    ];
  } finally {
    await db.destroy();
  }
}

const out = await run("SQLite", tempDbPath());
if (process.env.VIGIL_TEST_DATABASE_URL) {
  const pgdb = await createPostgresDatabase(process.env.VIGIL_TEST_DATABASE_URL, "vigil_bench");
  try {
    out.push(...(await run("PostgreSQL", pgdb.url)));
  } finally {
    await pgdb.drop();
  }
}
console.log(`\nObservatory annual report pack, ${RUNS} timed runs after a cold one, Node ${process.version}`);
console.log(out.join("\n"));
console.log("Aim: the full pack under 5000 ms (as the plan's report pack); every run byte-identical.");
