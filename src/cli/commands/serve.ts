import type { Command } from "commander";
import { loadConfig } from "../../server/config.js";
import { startServer } from "../../server/server.js";
import { DEMO_PASSWORD, demoAccounts } from "../../modules/access/access.seed.js";

export function serveCommand(program: Command): void {
  program
    .command("serve")
    .description("migrate, seed what is missing, and serve the API and web app")
    .option("-p, --port <port>", "port (default: $PORT or 8080)")
    .option("--no-demo", "do not create the demo accounts")
    .action(async (opts: { port?: string; demo: boolean }) => {
      const config = loadConfig(process.env, {
        ...(opts.port ? { PORT: opts.port } : {}),
        ...(opts.demo ? {} : { SEED_DEMO: "false" }),
      });
      const server = await startServer(config);
      console.log(`\nVigil is running at ${server.url}  (API docs: ${server.url}/api/docs)`);
      if (config.SEED_DEMO) {
        const existing = new Set((await server.db.selectFrom("users").select("email").execute()).map((u) => u.email));
        const shown = demoAccounts.filter((a) => existing.has(a.email));
        if (shown.length) {
          console.log(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
          for (const a of shown) console.log(`  ${a.email.padEnd(28)} ${a.role.padEnd(12)} ${a.organisationCode}`);
        }
      }
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
