// Scaling: the same run (every model call waits 200 ms, three turns a cell) at several concurrencies;
// wall time and the CLI's peak memory for each. Twice: a latency-bound run (a bench task whose check
// costs nothing: the target is about this one) and the same with a real check (node --test, ~0.5 s of
// CPU a cell), which on a 2-core machine is bound by CPU instead — reported with its floors.
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startScriptedEndpoint, THREE_TURN_SCRIPT } from "./endpoint.mjs";
import { assertExit, GNU_TIME, GNU_TIME_WORKS, ROOT, runCli } from "./spawn-cli.mjs";
import { median, round, row } from "./stats.mjs";

const TASK = "polyglot/js-async-foreach";
/** The latency-bound run's task: its check is `test -f README.md`. */
const LATENCY_TASK = "polyglot/trivial-check";
const LATENCY_BUNDLE = join(ROOT, "bench/fixtures/latency-bundle");
export const SCALING_LATENCY_MS = 200;
const CHECK_REPEATS = 3;

/**
 * CPU time of the task's check on its own (workspace + hidden tests, no sandbox), median of a few runs.
 * Measured apart because GNU time cannot see processes inside the bwrap sandbox the CLI runs checks in.
 */
async function measureCheckCpu() {
  if (!GNU_TIME_WORKS) return null;
  const { loadBundle } = await import(join(ROOT, "dist/index.js"));
  const task = (await loadBundle()).tasks.find((t) => t.id === TASK);
  const scratch = await mkdtemp(join(tmpdir(), "cab-bench-check-"));
  try {
    await cp(join(task.dir, "workspace"), scratch, { recursive: true });
    await cp(join(task.dir, "hidden"), scratch, { recursive: true });
    const cpuMs = [];
    for (let i = 0; i < CHECK_REPEATS; i++) {
      const timed = spawnSync(GNU_TIME, ["-f", "%U %S", ...task.check.run], {
        cwd: scratch,
        encoding: "utf8",
      });
      const [user, system] = timed.stderr.trim().split("\n").at(-1).split(" ").map(Number);
      cpuMs.push((user + system) * 1000);
    }
    return median(cpuMs);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function runAtConcurrency(endpointUrl, cells, concurrency, { task, bundle }) {
  const out = await mkdtemp(join(tmpdir(), "cab-bench-scaling-"));
  try {
    const args = ["check", "--endpoint", endpointUrl, "--model", "bench", "--task", task];
    if (bundle) args.push("--bundle", bundle);
    const result = await runCli([
      ...args,
      "--runs",
      String(cells),
      "--concurrency",
      String(concurrency),
      "--out",
      out,
    ]);
    assertExit(result, 0, `scaling run at --concurrency ${concurrency}`);
    const run = JSON.parse(await readFile(join(out, "run.json"), "utf8"));
    const completed = run.cells.filter((c) => c.status === "completed");
    const calls = completed.map((c) => c.trace.spans.filter((s) => s.kind === "model_call").length);
    if (completed.length !== cells || calls.some((n) => n !== THREE_TURN_SCRIPT.length))
      throw new Error(`scaling run at --concurrency ${concurrency}: cells did not all run three turns`);
    const perCell = (ms) => (ms === null ? null : round(ms / cells));
    const checkMs = median(completed.map((c) => c.trace.spans.find((s) => s.kind === "check").duration_ms));
    return {
      concurrency,
      wall_ms: round(result.wallMs),
      own_peak_rss_mb: result.ownPeakKb === null ? null : round(result.ownPeakKb / 1024),
      tree_peak_rss_mb: result.treePeakKb === null ? null : round(result.treePeakKb / 1024),
      cli_cpu_ms_per_cell: perCell(result.ownCpuMs),
      children_cpu_ms_per_cell:
        result.treeCpuMs === null || result.ownCpuMs === null
          ? null
          : perCell(result.treeCpuMs - result.ownCpuMs),
      load_avg_1m_after: round(loadavg()[0], 2),
      median_check_ms: round(checkMs),
      median_cell_ms: round(median(completed.map((c) => c.timing.duration_ms))),
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

export async function measureScaling({ cells, concurrencies }) {
  const endpoint = await startScriptedEndpoint({ script: THREE_TURN_SCRIPT, latencyMs: SCALING_LATENCY_MS });
  try {
    const latencyRuns = [];
    for (const concurrency of concurrencies)
      latencyRuns.push(
        await runAtConcurrency(endpoint.url, cells, concurrency, {
          task: LATENCY_TASK,
          bundle: LATENCY_BUNDLE,
        }),
      );
    const checkRuns = [];
    for (const concurrency of [concurrencies[0], concurrencies.at(-1)])
      checkRuns.push(await runAtConcurrency(endpoint.url, cells, concurrency, { task: TASK }));
    const latency = await summarize(latencyRuns, cells, "latency-bound: check is `test -f`", {
      min: 3,
    });
    const withCheck = await summarize(checkRuns, cells, "with a real check (node --test)", null);
    const floors = await cpuFloors(checkRuns, cells);
    const treePeak = Math.max(...[...latencyRuns, ...checkRuns].map((r) => r.tree_peak_rss_mb ?? 0));
    const rows = [...latency.rows, ...withCheck.rows, ...floors.rows];
    if (treePeak)
      rows.push(row("scaling", "  /usr/bin/time %M (CLI or a reaped child, max)", treePeak, "MB"));
    return {
      rows,
      data: {
        latency_ms: SCALING_LATENCY_MS,
        cells,
        turns: THREE_TURN_SCRIPT.length,
        latency_bound: { task: LATENCY_TASK, runs: latencyRuns, speedup: latency.speedup },
        with_check: { task: TASK, runs: checkRuns, speedup: withCheck.speedup, ...floors.data },
        note: "children_cpu_ms_per_cell is GNU time's tree CPU minus the CLI's: it misses processes inside the bwrap sandbox",
      },
    };
  } finally {
    await endpoint.close();
  }
}

/** Rows for one series of runs: wall, peak RSS and cell/check medians per concurrency, then the speed-up. */
async function summarize(runs, cells, label, target) {
  const first = runs[0];
  const last = runs.at(-1);
  const speedup = round(first.wall_ms / last.wall_ms, 2);
  const rows = runs.flatMap((r) => [
    row(
      "scaling",
      `${label}, ${cells} cells, --concurrency ${r.concurrency}: wall (load after: ${r.load_avg_1m_after})`,
      round(r.wall_ms / 1000, 2),
      "s",
    ),
    row("scaling", "  peak RSS of the CLI process (VmHWM)", r.own_peak_rss_mb, "MB", { max: 200 }),
    row("scaling", "  median cell / check", `${r.median_cell_ms} / ${r.median_check_ms}`, "ms"),
  ]);
  rows.push(
    row(
      "scaling",
      `${label}: speed-up --concurrency ${last.concurrency} vs ${first.concurrency}`,
      speedup,
      "×",
      target,
    ),
  );
  return { rows, speedup };
}

/**
 * What bounds the speed-up with a real check: with enough CPU, ceil(cells / c) rounds of a c1 cell; without,
 * the CPU the cells need (the CLI's own, measured in the process, plus the check's, measured apart) over the cores.
 */
async function cpuFloors(runs, cells) {
  const first = runs[0];
  const last = runs.at(-1);
  const checkCpuMs = await measureCheckCpu();
  const cores = cpus().length;
  const cpuPerCell = first.cli_cpu_ms_per_cell + (checkCpuMs ?? 0);
  const cpuFloorMs = (cells * cpuPerCell) / cores;
  const latencyFloorMs = Math.ceil(cells / last.concurrency) * first.median_cell_ms;
  const ceiling = round(first.wall_ms / Math.max(cpuFloorMs, latencyFloorMs), 2);
  return {
    rows: [
      row(
        "scaling",
        `  CPU per cell: CLI itself ${first.cli_cpu_ms_per_cell} + check alone ${round(checkCpuMs)} (node --test)`,
        round(cpuPerCell),
        "ms",
      ),
      row(
        "scaling",
        `  c${last.concurrency} floors: CPU ${round(cpuFloorMs / 1000, 2)} s on ${cores} cores, latency ${round(latencyFloorMs / 1000, 2)} s → best speed-up`,
        ceiling,
        "×",
      ),
    ],
    data: {
      check_alone_cpu_ms: round(checkCpuMs),
      cpu_floor_ms: round(cpuFloorMs),
      latency_floor_ms: round(latencyFloorMs),
      speedup_ceiling_here: ceiling,
    },
  };
}
