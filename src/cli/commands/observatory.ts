import type { Command } from "commander";
import { writeErrorReport } from "../../modules/observatory/import/error-report.js";
import { importObservatoryFile, type ImportProgress } from "../../modules/observatory/import/import.service.js";
import { grains, type Grain } from "../../modules/observatory/import/validate.js";
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
          for (const e of result.errors.slice(0, 20)) console.error(`  ${t(e.key, { row: e.row, column: e.column, value: e.value })}`);
          if (opts.errors) writeErrorReport(opts.errors, result.errors, result.errorCount);
          console.error(`${result.errorCount} errors in ${result.rows} rows: nothing was imported${opts.errors ? ` (report: ${opts.errors})` : ""}`);
          process.exitCode = 1;
          return;
        }
        const what = opts.dryRun ? "(dry run: nothing was written) checked" : result.replaced ? "replaced batch" : "imported batch";
        console.log(`${what} ${result.batchKey}: ${result.rows} rows, sha256 ${result.sha256}`);
      }),
    );
}
