// The peers of bench/http.ts, on the same stack (Hono + @hono/node-server) and nothing else:
// a hello-world, and a static body of N bytes (the same size as the answer it is compared with).
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/hello", (c) => c.json({ hello: "world" }));
const blobs = new Map<number, Uint8Array<ArrayBuffer>>();
app.get("/bytes/:n", (c) => {
  const n = Math.min(Number(c.req.param("n")) || 0, 10_000_000);
  let blob = blobs.get(n);
  if (!blob) blobs.set(n, (blob = new Uint8Array(n).fill(120)));
  return c.body(blob, 200, { "Content-Type": "application/octet-stream" });
});
const port = Number(process.env.PORT ?? 0);
const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  console.log(`READY ${info.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
