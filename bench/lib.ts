import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

export const root = new URL("..", import.meta.url).pathname;

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), "vigil-bench-")), "vigil.db");
}

/** Starts a process and resolves once `ready()` says so; the benchmark runs in another process than the server. */
export async function startProcess(command: string, args: string[], env: Record<string, string>, ready: () => Promise<boolean>): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited with ${child.exitCode}`);
    if (await ready().catch(() => false)) return child;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill();
  throw new Error(`${command} did not become ready`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** wrk (C, Debian package `wrk`) when installed: it does not parse bodies, so it measures the server; otherwise autocannon. */
export const loadClient: "wrk" | "autocannon" =
  process.env.BENCH_CLIENT === "autocannon" ? "autocannon" : spawnSync("wrk", ["--version"]).error ? "autocannon" : "wrk";

export async function load(url: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  return loadClient === "wrk" ? loadWithWrk(url, connections, seconds, headers) : loadWithAutocannon(url, connections, seconds, headers);
}

async function loadWithAutocannon(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1 });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

function millis(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : n * 60_000;
}

async function loadWithWrk(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadResult> {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]), url];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}`))));
  });
  const pick = (re: RegExp) => re.exec(out)?.[1] ?? "";
  const errors = [...out.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce((sum, m) => sum + Number(m[2]), 0);
  return {
    requestsPerSecond: Number(pick(/Requests\/sec:\s+([\d.]+)/)),
    p50: millis(pick(/\s50%\s+(\S+)/)),
    p99: millis(pick(/\s99%\s+(\S+)/)),
    errors,
    non2xx: Number(pick(/Non-2xx or 3xx responses:\s+(\d+)/) || 0),
  };
}
