// Running the built CLI the way a user does (node bin/cab.mjs …), with wall time and peak memory.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
/** The package measured: this checkout, or BENCH_TARGET_ROOT (another build with bin/, dist/, tasks/) for before/after. */
export const ROOT = process.env.BENCH_TARGET_ROOT ?? join(BENCH_DIR, "..");
export const BIN = join(ROOT, "bin", "cab.mjs");
/** Where results.json goes: always beside the bench. */
export const RESULTS_FILE = join(BENCH_DIR, "results.json");
const PROBE = join(BENCH_DIR, "peak-rss-probe.mjs");
export const GNU_TIME = "/usr/bin/time";
export const GNU_TIME_WORKS =
  existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;

/**
 * Run `cab <args>` asynchronously (the bench's endpoint lives in this process, so it must keep serving).
 * Resolves with the exit code, wall time, the CLI's own peak RSS (VmHWM read as it exits) and CPU time,
 * and, when GNU time is here, its %M (the largest peak among the CLI and the children it waited for) and
 * the CPU time of the whole tree (the CLI plus git, tools and checks).
 */
export async function runCli(args) {
  const scratch = await mkdtemp(join(tmpdir(), "cab-bench-rss-"));
  const probeFile = join(scratch, "probe.json");
  const timeFile = join(scratch, "time");
  const node = [process.execPath, "--import", PROBE, BIN, ...args];
  const [file, ...argv] = GNU_TIME_WORKS ? [GNU_TIME, "-f", "%M %U %S", "-o", timeFile, ...node] : node;
  const started = performance.now();
  const child = spawn(file, argv, {
    env: { ...process.env, NO_COLOR: "1", CAB_BENCH_PROBE_FILE: probeFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const wallMs = performance.now() - started;
  const probe = JSON.parse((await readFile(probeFile, "utf8").catch(() => "")) || "{}");
  // GNU time prints "Command exited with non-zero status N" first when it did: the figures are the last line.
  const timed =
    (await readFile(timeFile, "utf8").catch(() => "")).trim().split("\n").at(-1)?.split(" ") ?? [];
  const [maxRssKb, userS, systemS] = timed.map(Number);
  const result = {
    code,
    wallMs,
    ownPeakKb: probe.vmhwm_kb ?? null,
    ownCpuMs: probe.cpu_us === undefined ? null : probe.cpu_us / 1000,
    treePeakKb: Number.isFinite(maxRssKb) ? maxRssKb : null,
    treeCpuMs: Number.isFinite(userS) && Number.isFinite(systemS) ? (userS + systemS) * 1000 : null,
    stdout,
    stderr,
  };
  await rm(scratch, { recursive: true, force: true });
  return result;
}

/** Fail with the CLI's own words when a run did not end as expected. */
export function assertExit(result, expected, what) {
  if (result.code === expected) return;
  throw new Error(`${what}: cab exited ${result.code}\n${result.stderr.slice(-2000)}`);
}
