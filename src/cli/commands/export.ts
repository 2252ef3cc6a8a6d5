import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { exportTerritory } from "../../modules/territory/territory.service.js";
import { withDb } from "../context.js";

const levels = ["neighbourhoods", "municipalities", "police-zones"] as const;
type Level = (typeof levels)[number];

export function exportCommands(program: Command): void {
  const exp = program.command("export").description("export reference data");
  exp
    .command("territory")
    .description("export the territory as CSV or GeoJSON")
    .option("--format <format>", "csv or geojson", "csv")
    .option("--level <level>", levels.join(", "), "neighbourhoods")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .action((opts: { format: string; level: string; output?: string }) =>
      withDb(async (db) => {
        if (opts.format !== "csv" && opts.format !== "geojson") throw new Error(`unknown format '${opts.format}' (csv or geojson)`);
        if (!(levels as readonly string[]).includes(opts.level)) throw new Error(`unknown level '${opts.level}' (one of: ${levels.join(", ")})`);
        const text = await exportTerritory(db, opts.level as Level, opts.format);
        if (opts.output) {
          writeFileSync(opts.output, text);
          console.error(`wrote ${opts.output} (${Buffer.byteLength(text)} bytes)`);
        } else {
          process.stdout.write(text);
        }
      }),
    );
}
