import { Command } from "commander";
import { databaseCommands } from "./commands/database.js";
import { exportCommands } from "./commands/export.js";
import { observatoryCommands } from "./commands/observatory.js";
import { organisationCommands } from "./commands/organisation.js";
import { planCommands } from "./commands/plan.js";
import { serveCommand } from "./commands/serve.js";
import { tokenCommands } from "./commands/token.js";
import { userCommands } from "./commands/user.js";
import { reportError } from "./context.js";

const program = new Command("vigil")
  .description("Vigil: platform of a regional prevention & security agency")
  .version("0.1.0")
  .showHelpAfterError();

serveCommand(program);
databaseCommands(program);
userCommands(program);
organisationCommands(program);
tokenCommands(program);
exportCommands(program);
planCommands(program);
observatoryCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportError(err);
}
