// The peer of bench/http.ts: a bare hello-world on the same stack (Hono + @hono/node-server), nothing else.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/hello", (c) => c.json({ hello: "world" }));
const port = Number(process.env.PORT ?? 0);
const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  console.log(`READY ${info.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
