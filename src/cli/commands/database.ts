import type { Command } from "commander";
import { seed } from "../../server/seed.js";
import { verifyAuditChain } from "../../modules/audit/audit.service.js";
import { withDb } from "../context.js";
import { migrateToLatest } from "../../server/db/migrate.js";

export function databaseCommands(program: Command): void {
  program
    .command("migrate")
    .description("bring the database schema up to date")
    .action(() =>
      withDb(async (db) => {
        const result = await migrateToLatest(db);
        const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
        console.log(applied.length ? `applied: ${applied.join(", ")}` : "database schema is up to date");
      }),
    );

  program
    .command("seed")
    .description("load the reference data (territory, organisations); --demo adds the demo accounts")
    .option("--demo", "also create the demo accounts", false)
    .action((opts: { demo: boolean }) =>
      withDb(async (db) => {
        const result = await seed(db, { demo: opts.demo });
        console.log(
          [
            `territory ${result.territoryLoaded ? "loaded" : "already up to date"}`,
            `crime taxonomy ${result.taxonomyLoaded ? "loaded" : "already up to date"}`,
            `${result.organisationsCreated} organisation(s) and ${result.accountsCreated.length} demo account(s) created`,
            ...(opts.demo ? [`demo plan ${result.planDemoCreated ? "created" : "already there"}`, `synthetic crime series: ${result.observatoryDemoRows} row(s) created`] : []),
          ].join("; "),
        );
      }),
    );

  const audit = program.command("audit").description("the audit log");
  audit
    .command("verify")
    .description("re-compute the hash chain; names the first altered, removed or reordered entry")
    .action(() =>
      withDb(async (db) => {
        const result = await verifyAuditChain(db);
        if (result.ok) {
          console.log(`audit log intact: ${result.entries} entries verified`);
        } else {
          console.error(`audit log broken at entry #${result.seq}: ${result.problem} (${result.entries} entries read)`);
          process.exitCode = 2;
        }
      }),
    );
}
