import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The browser app: sources in src/web, built into dist/web, which the Vigil server serves
 * (same origin, so the session cookie and CSRF header work unchanged). In development,
 * `vite --config vite.config.ts` proxies /api to a server started with `vigil serve`.
 */
export default defineConfig({
  root: fileURLToPath(new URL("./src/web", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    // No inline module-preload polyfill script: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { "/api": "http://localhost:8080" },
  },
});
