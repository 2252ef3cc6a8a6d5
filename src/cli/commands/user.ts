import type { Command } from "commander";
import { systemActor } from "../../server/auth/actor.js";
import { findOrganisationByCode } from "../../modules/access/organisation.service.js";
import { createUser, listUsers, resetPassword, updateUser } from "../../modules/access/user.service.js";
import { notFound } from "../../shared/errors.js";
import { isLocale } from "../../shared/locale.js";
import { roles, type Role } from "../../shared/roles.js";
import { cliContext, printTable, withDb, write } from "../context.js";
import type { Db } from "../../server/db/database.js";

async function userIdByEmail(db: Db, email: string): Promise<number> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw notFound("user", email);
  return row.id;
}

function parseRole(role: string): Role {
  if (!(roles as readonly string[]).includes(role)) throw new Error(`unknown role '${role}' (one of: ${roles.join(", ")})`);
  return role as Role;
}

export function userCommands(program: Command): void {
  const user = program.command("user").description("accounts of people");

  user
    .command("add <email>")
    .description("create an account; prints a one-time password unless --password is given")
    .requiredOption("--org <code>", "organisation code (see `vigil org list`)")
    .requiredOption("--role <role>", `one of ${roles.join(", ")}`)
    .option("--name <name>", "display name (default: the email)")
    .option("--locale <locale>", "fr, nl or en", "fr")
    .option("--password <password>", "initial password (default: generated, to change at first sign-in)")
    .option("--dry-run", "check everything, write nothing", false)
    .action((email: string, opts: { org: string; role: string; name?: string; locale: string; password?: string; dryRun: boolean }) =>
      withDb(async (db) => {
        const org = await findOrganisationByCode(db, opts.org);
        if (!org) throw notFound("organisation", opts.org);
        const locale = isLocale(opts.locale) ? opts.locale : "fr";
        const result = await write(db, opts.dryRun, (trx) =>
          createUser(trx, cliContext, { email, displayName: opts.name ?? email, organisationId: org.id, role: parseRole(opts.role), locale, password: opts.password }),
        );
        console.log(`user ${email} ${opts.dryRun ? "would be" : "was"} created (id ${result.id})`);
        if (result.oneTimePassword) console.log(`one-time password: ${result.oneTimePassword}`);
      }),
    );

  user
    .command("list")
    .description("list accounts")
    .option("--org <code>", "only this organisation")
    .action((opts: { org?: string }) =>
      withDb(async (db) => {
        const org = opts.org ? await findOrganisationByCode(db, opts.org) : undefined;
        if (opts.org && !org) throw notFound("organisation", opts.org);
        const rows = await listUsers(db, systemActor, { organisationId: org?.id });
        printTable(rows.map((r) => ({ id: r.id, email: r.email, name: r.display_name, organisation: r.organisation_code, role: r.role, active: r.active ? "yes" : "no", locked_until: r.locked_until ?? "" })));
      }),
    );

  user
    .command("disable <email>")
    .description("disable an account (its sessions end at once)")
    .option("--dry-run", "check everything, write nothing", false)
    .action((email: string, opts: { dryRun: boolean }) =>
      withDb(async (db) => {
        const id = await userIdByEmail(db, email);
        await write(db, opts.dryRun, (trx) => updateUser(trx, cliContext, id, { active: false }));
        console.log(`user ${email} ${opts.dryRun ? "would be" : "was"} disabled`);
      }),
    );

  user
    .command("reset-password <email>")
    .description("set a one-time password (printed) that must be changed at next sign-in")
    .option("--password <password>", "use this password instead of a generated one")
    .option("--dry-run", "check everything, write nothing", false)
    .action((email: string, opts: { password?: string; dryRun: boolean }) =>
      withDb(async (db) => {
        const id = await userIdByEmail(db, email);
        const password = await write(db, opts.dryRun, (trx) => resetPassword(trx, cliContext, id, opts.password));
        console.log(`one-time password for ${email}: ${password}${opts.dryRun ? " (dry run: not set)" : ""}`);
      }),
    );
}
