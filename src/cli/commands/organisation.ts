import type { Command } from "commander";
import { createOrganisation, listOrganisations } from "../../modules/access/organisation.service.js";
import { organisationKinds, type OrganisationKind } from "../../shared/roles.js";
import { cliContext, printTable, withDb, write } from "../context.js";

export function organisationCommands(program: Command): void {
  const org = program.command("org").description("organisations");

  org
    .command("add <code>")
    .description("add an organisation")
    .requiredOption("--kind <kind>", organisationKinds.join(", "))
    .requiredOption("--name-fr <name>", "French name")
    .requiredOption("--name-nl <name>", "Dutch name")
    .option("--name-en <name>", "English name (default: the French one)")
    .option("--municipality <nis>", "NIS code of its municipality, if it has one")
    .option("--police-zone <id>", "its police zone, if it has one")
    .option("--dry-run", "check everything, write nothing", false)
    .action(
      (code: string, opts: { kind: string; nameFr: string; nameNl: string; nameEn?: string; municipality?: string; policeZone?: string; dryRun: boolean }) =>
        withDb(async (db) => {
          if (!(organisationKinds as readonly string[]).includes(opts.kind)) throw new Error(`unknown kind '${opts.kind}' (one of: ${organisationKinds.join(", ")})`);
          const territory = opts.municipality
            ? { territoryLevel: "municipality" as const, territoryCode: opts.municipality }
            : opts.policeZone
              ? { territoryLevel: "police_zone" as const, territoryCode: opts.policeZone }
              : {};
          const id = await write(db, opts.dryRun, (trx) =>
            createOrganisation(trx, cliContext, { kind: opts.kind as OrganisationKind, code, nameFr: opts.nameFr, nameNl: opts.nameNl, nameEn: opts.nameEn ?? opts.nameFr, ...territory }),
          );
          console.log(`organisation ${code} ${opts.dryRun ? "would be" : "was"} created (id ${id})`);
        }),
    );

  org
    .command("list")
    .description("list organisations")
    .option("--kind <kind>", "only this kind")
    .action((opts: { kind?: string }) =>
      withDb(async (db) => {
        const rows = await listOrganisations(db, { kind: opts.kind as OrganisationKind | undefined });
        printTable(rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, name_fr: r.name_fr, name_nl: r.name_nl, territory: r.territory_code ?? "", active: r.active ? "yes" : "no" })));
      }),
    );
}
