import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { takeSnapshot } from "../../modules/plan/snapshot.service.js";
import { applyImport } from "../../modules/plan/xlsx-apply.js";
import { exportMeasuresXlsx } from "../../modules/plan/xlsx-export.js";
import { issueMessage, previewImport, type ImportPreview } from "../../modules/plan/xlsx-import.js";
import { readWorkbook } from "../../modules/plan/xlsx-read.js";
import type { Db } from "../../server/db/database.js";
import { translator } from "../../shared/i18n/index.js";
import { cliContext, printTable, withDb, write } from "../context.js";

/** The plan named by `--plan`, else the active plan that starts last. */
async function planOf(db: Db, code: string | undefined): Promise<{ id: number; code: string }> {
  const query = db.selectFrom("plans").select(["id", "code"]);
  const plan = code
    ? await query.where("code", "=", code).executeTakeFirst()
    : await query.where("status", "=", "active").orderBy("start_year", "desc").orderBy("id", "desc").executeTakeFirst();
  if (!plan) throw new Error(code ? `no plan with code '${code}'` : "no active plan: name one with --plan CODE");
  return plan;
}

function printPreview(preview: ImportPreview): void {
  const { summary } = preview;
  console.log(`rows ${summary.rows}: ${summary.changed} changed, ${summary.unchanged} unchanged, ${summary.created} created, ${summary.errors} errors`);
  if (preview.changes.length) {
    printTable(preview.changes.map((c) => ({ row: c.row, code: c.code, field: c.field, before: c.before ?? "", after: c.after ?? "" })));
  }
  const t = translator("en");
  for (const issue of preview.errors) console.error(`  ${issueMessage(t, issue)}`);
}

export function planCommands(program: Command): void {
  const plan = program.command("plan").description("the regional plan: XLSX round trip and frozen snapshots");

  plan
    .command("export")
    .description("write the plan's measures to an XLSX workbook (edit it, then import it back)")
    .option("--plan <code>", "the plan's code (default: the active plan that starts last)")
    .option("--lang <lang>", "language of the headers: fr or nl", "fr")
    .requiredOption("-o, --output <file>", "the XLSX file to write")
    .action((opts: { plan?: string; lang: string; output: string }) =>
      withDb(async (db) => {
        if (opts.lang !== "fr" && opts.lang !== "nl") throw new Error(`unknown language '${opts.lang}' (fr or nl)`);
        const { id, code } = await planOf(db, opts.plan);
        const file = await exportMeasuresXlsx(db, id, opts.lang);
        writeFileSync(opts.output, file.content);
        console.error(`wrote ${opts.output}: plan ${code} (${file.content.byteLength} bytes)`);
      }),
    );

  plan
    .command("import <file>")
    .description("import an edited measures workbook: all rows or none")
    .option("--plan <code>", "the plan's code (default: the active plan that starts last)")
    .option("--dry-run", "check every row and show the changes, write nothing", false)
    .action((file: string, opts: { plan?: string; dryRun: boolean }) =>
      withDb(async (db) => {
        const { id, code } = await planOf(db, opts.plan);
        const sheet = await readWorkbook(readFileSync(file));
        if (opts.dryRun) {
          const preview = await previewImport(db, id, sheet, "en");
          printPreview(preview);
          console.log(`(dry run: nothing was written to plan ${code})`);
          if (preview.errors.length) process.exitCode = 1;
          return;
        }
        const preview = await write(db, false, (trx) => applyImport(trx, cliContext, id, sheet, "en"));
        printPreview(preview);
        console.log(`plan ${code}: ${preview.summary.changed} measures updated, ${preview.summary.created} created`);
      }),
    );

  plan
    .command("snapshot")
    .description("freeze the plan as it stands now, for the council's report pack")
    .option("--plan <code>", "the plan's code (default: the active plan that starts last)")
    .requiredOption("--title <text>", "the snapshot's title, e.g. 'Conseil du 12 juin 2018'")
    .option("--dry-run", "check everything, write nothing", false)
    .action((opts: { plan?: string; title: string; dryRun: boolean }) =>
      withDb(async (db) => {
        const title = opts.title.trim();
        if (!title) throw new Error("--title must not be empty");
        const { id, code } = await planOf(db, opts.plan);
        const snapshotId = await write(db, opts.dryRun, (trx) => takeSnapshot(trx, cliContext, id, title));
        if (opts.dryRun) return;
        const row = await db.selectFrom("plan_snapshots").select(["version", "sha256"]).where("id", "=", snapshotId).executeTakeFirstOrThrow();
        console.log(`plan ${code}: snapshot ${snapshotId}, version ${row.version}, sha256 ${row.sha256}`);
      }),
    );
}
