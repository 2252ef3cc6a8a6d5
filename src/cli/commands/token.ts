import type { Command } from "commander";
import { findOrganisationByCode } from "../../modules/access/organisation.service.js";
import { createToken, revokeToken } from "../../modules/access/token.service.js";
import { notFound } from "../../shared/errors.js";
import { roles, type Role } from "../../shared/roles.js";
import { cliContext, withDb, write } from "../context.js";

export function tokenCommands(program: Command): void {
  const token = program.command("token").description("API tokens for machine clients");

  token
    .command("create <name>")
    .description("create a token acting for an organisation in a role; prints the secret once")
    .requiredOption("--org <code>", "organisation code")
    .requiredOption("--role <role>", roles.join(", "))
    .option("--expires <date>", "expiry date (ISO 8601)")
    .option("--dry-run", "check everything, write nothing", false)
    .action((name: string, opts: { org: string; role: string; expires?: string; dryRun: boolean }) =>
      withDb(async (db) => {
        const org = await findOrganisationByCode(db, opts.org);
        if (!org) throw notFound("organisation", opts.org);
        if (!(roles as readonly string[]).includes(opts.role)) throw new Error(`unknown role '${opts.role}' (one of: ${roles.join(", ")})`);
        const expiresAt = opts.expires ? new Date(opts.expires).toISOString() : null;
        const created = await write(db, opts.dryRun, (trx) => createToken(trx, cliContext, { name, organisationId: org.id, role: opts.role as Role, expiresAt }));
        if (opts.dryRun) return;
        console.log(`token ${created.id} created; send it as 'Authorization: Bearer <token>'. It is shown only now:`);
        console.log(created.token);
      }),
    );

  token
    .command("revoke <id>")
    .description("revoke a token by id")
    .option("--dry-run", "check everything, write nothing", false)
    .action((id: string, opts: { dryRun: boolean }) =>
      withDb(async (db) => {
        await write(db, opts.dryRun, (trx) => revokeToken(trx, cliContext, Number(id)));
        console.log(`token ${id} ${opts.dryRun ? "would be" : "was"} revoked`);
      }),
    );
}
