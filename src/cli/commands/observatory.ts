import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { writeErrorReport } from "../../modules/observatory/import/error-report.js";
import { importObservatoryFile, type ImportProgress } from "../../modules/observatory/import/import.service.js";
import { grains, type Grain } from "../../modules/observatory/import/validate.js";
import { buildManifest, manifestFile, parseManifest } from "../../modules/observatory/publications/manifest.js";
import { regenerate } from "../../modules/observatory/publications/publication.service.js";
import { seedCrimeTaxonomy } from "../../modules/observatory/taxonomy.seed.js";
import { translator } from "../../shared/i18n/index.js";
import { withDb } from "../context.js";

/** A progress bar on stderr: redrawn in place on a terminal, one line per update otherwise. */
function progressBar(): { update(p: ImportProgress): void; end(): void } {
  const started = Date.now();
  let shown = 0;
  const draw = (p: ImportProgress) => {
    const share = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const bar = "#".repeat(Math.round(share * 30)).padEnd(30, ".");
    const line = `[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${p.rows} rows  ${Math.round(p.rows / seconds)} rows/s`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
  };
  return {
    update(p) {
      if (Date.now() - shown < 200) return;
      shown = Date.now();
      draw(p);
    },
    end: () => {
      if (process.stderr.isTTY) process.stderr.write("\n");
    },
  };
}

export function observatoryCommands(program: Command): void {
  const observatory = program.command("observatory").description("the observatory: registered crime per neighbourhood");

  observatory
    .command("import <file>")
    .description("import registered crime from CSV (; or ,) or XLSX: all rows or none; the same batch again replaces it")
    .option("--grain <grain>", "aggregated (neighbourhood;category;month;count) or individual facts", "aggregated")
    .option("--source <name>", "who sent the data; part of the batch key", "federal-police")
    .option("--errors <file>", "write the row errors to this CSV (fr, nl, en)")
    .option("--dry-run", "check every row, write nothing", false)
    .action((file: string, opts: { grain: string; source: string; errors?: string; dryRun: boolean }) =>
      withDb(async (db) => {
        if (!(grains as readonly string[]).includes(opts.grain)) throw new Error(`unknown grain '${opts.grain}' (aggregated or individual)`);
        await db.transaction().execute((trx) => seedCrimeTaxonomy(trx));
        const bar = progressBar();
        const result = await importObservatoryFile(db, {
          file,
          grain: opts.grain as Grain,
          source: opts.source,
          dryRun: opts.dryRun,
          onProgress: (p) => bar.update(p),
        });
        bar.end();
        const t = translator("en");
        if (!result.ok) {
          for (const e of result.errors.slice(0, 20)) console.error(`  ${t(e.key, { ...e.params, row: e.row, column: e.column, value: e.value })}`);
          if (opts.errors) writeErrorReport(opts.errors, result.errors, result.errorCount);
          console.error(`${result.errorCount} errors in ${result.rows} rows: nothing was imported${opts.errors ? ` (report: ${opts.errors})` : ""}`);
          process.exitCode = 1;
          return;
        }
        const what = opts.dryRun ? "(dry run: nothing was written) checked" : result.replaced ? "replaced batch" : "imported batch";
        console.log(`${what} ${result.batchKey}: ${result.rows} rows, sha256 ${result.sha256}`);
      }),
    );

  observatory
    .command("report")
    .description("write the annual report (report-fr.pdf, report-nl.pdf, annex-fr.xlsx, manifest.json), or regenerate it from a saved manifest")
    .option("--year <year>", "the report year (the last year covered)")
    .option("--from <year>", "first year (default: year - 9, clipped to the data)")
    .option("--lang <lang>", "only this language: fr or nl (its PDF and annex)")
    .option("--manifest <file>", "regenerate from this manifest.json instead of building a new one")
    .option("--out <dir>", "directory of the files", ".")
    .action((opts: { year?: string; from?: string; lang?: string; manifest?: string; out: string }) =>
      withDb(async (db) => {
        const yearOf = (value: string, name: string) => {
          if (!/^\d{4}$/.test(value)) throw new Error(`${name} must be a year, e.g. 2018`);
          return Number(value);
        };
        if (opts.lang !== undefined && opts.lang !== "fr" && opts.lang !== "nl") throw new Error(`unknown language '${opts.lang}' (fr or nl)`);
        if (opts.manifest && (opts.year || opts.from)) throw new Error("--manifest regenerates a saved report: give no --year or --from with it");
        if (!opts.manifest && !opts.year) throw new Error("give --year (a new report) or --manifest (regenerate a saved one)");
        const started = Date.now();
        const manifest = opts.manifest
          ? parseManifest(readFileSync(opts.manifest, "utf8"))
          : await buildManifest(db, { year: yearOf(opts.year!, "--year"), ...(opts.from ? { fromYear: yearOf(opts.from, "--from") } : {}) });
        const report = await regenerate(db, manifest);
        const langs = opts.lang ? [opts.lang as "fr" | "nl"] : (["fr", "nl"] as const);
        mkdirSync(opts.out, { recursive: true });
        const written: string[] = [];
        const write = (name: string, content: Buffer | string) => {
          writeFileSync(join(opts.out, name), content);
          written.push(join(opts.out, name));
        };
        for (const lang of langs) write(`report-${lang}.pdf`, await report.pdf(lang));
        write(`annex-${langs[0]}.xlsx`, await report.annex(langs[0]!));
        write("manifest.json", manifestFile(manifest));
        console.log(`annual report ${manifest.year} (${manifest.period.from}-${manifest.period.to}), manifest sha256 ${manifest.sha256}, in ${Date.now() - started} ms:`);
        for (const path of written) console.log(`  ${path}`);
      }),
    );
}
