/** The software's name and version (package.json), as files and manifests record them. */
import pkg from "../../package.json" with { type: "json" };

export const SOFTWARE = { name: pkg.name, version: pkg.version } as const;
