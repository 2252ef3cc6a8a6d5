// The peers of bench/http.ts, on the same stack (Hono + @hono/node-server) and nothing else:
// a hello-world, and static copies of the exact bytes and headers Vigil answered
// (files listed in PEER_FILES, each served at /file/<index>).
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/hello", (c) => c.json({ hello: "world" }));
const files = (process.env.PEER_FILES ?? "")
  .split(",")
  .filter(Boolean)
  .map((path) => ({ body: new Uint8Array(readFileSync(path)), headers: JSON.parse(readFileSync(`${path}.headers.json`, "utf8")) as Record<string, string> }));
app.get("/file/:index", (c) => {
  const file = files[Number(c.req.param("index"))];
  return file ? c.body(file.body, 200, file.headers) : c.notFound();
});
const port = Number(process.env.PORT ?? 0);
const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  console.log(`READY ${info.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
