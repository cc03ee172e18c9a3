#!/usr/bin/env node
// `npm run bench`: measures what the harness adds around the model and the check. Figures, not assertions:
// prints a table and writes bench/results.json. Everything runs on loopback.
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "cab.mjs");
const CELLS = Number(process.env.BENCH_CELLS ?? 20);
const STARTUP_REPEATS = Number(process.env.BENCH_STARTUP_REPEATS ?? 15);

/** A zero-latency endpoint whose model finishes on its first turn. */
async function startInstantEndpoint() {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "bench",
          object: "chat.completion",
          created: 0,
          model: "bench",
          choices: [
            {
              index: 0,
              finish_reason: "tool_calls",
              message: {
                role: "assistant",
                content: null,
                tool_calls: [
                  {
                    id: "c1",
                    type: "function",
                    function: { name: "finish", arguments: '{"message":"done"}' },
                  },
                ],
              },
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    close: () => new Promise((r) => server.close(r)),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spanMs = (cell, kind) =>
  cell.trace.spans.filter((s) => s.kind === kind).reduce((sum, s) => sum + s.duration_ms, 0);

async function harnessOverhead() {
  const endpoint = await startInstantEndpoint();
  const out = await mkdtemp(join(tmpdir(), "cab-bench-"));
  try {
    await promisify(execFile)(
      process.execPath,
      [
        BIN,
        "check",
        "--endpoint",
        endpoint.url,
        "--model",
        "bench",
        "--task",
        "polyglot/js-async-foreach",
        "--runs",
        String(CELLS),
        "--out",
        out,
      ],
      {
        env: { ...process.env, NO_COLOR: "1" },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const run = JSON.parse(await readFile(join(out, "run.json"), "utf8"));
    const rows = run.cells.map((cell) => {
      const check = spanMs(cell, "check");
      const model = cell.scorer.latency.model_call_ms;
      const cleanup = spanMs(cell, "cleanup");
      const waits = spanMs(cell, "retry_wait");
      return {
        overhead: cell.timing.duration_ms + cleanup - check - model - waits,
        setup: spanMs(cell, "task_setup"),
        agentOutsideModel: cell.scorer.latency.wall_clock_ms - model,
        cleanup,
        check,
        model,
      };
    });
    const pick = (key) => Math.round(median(rows.map((r) => r[key])) * 10) / 10;
    return {
      cells: rows.length,
      median_overhead_ms: pick("overhead"),
      median_setup_ms: pick("setup"),
      median_agent_outside_model_ms: pick("agentOutsideModel"),
      median_cleanup_ms: pick("cleanup"),
      median_check_ms: pick("check"),
      median_model_ms: pick("model"),
    };
  } finally {
    await endpoint.close();
    await rm(out, { recursive: true, force: true });
  }
}

function timeCommand(args) {
  const times = [];
  for (let i = 0; i < STARTUP_REPEATS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}`);
    times.push(performance.now() - started);
  }
  return Math.round(median(times) * 10) / 10;
}

const overhead = await harnessOverhead();
const nodeBaseline = timeCommand(["-e", "0"]);
const version = timeCommand([BIN, "--version"]);
const list = timeCommand([BIN, "list"]);
const results = {
  measured_at: new Date().toISOString(),
  node: process.version,
  harness: overhead,
  startup_ms: {
    node_e_0: nodeBaseline,
    cab_version: version,
    cab_list: list,
    version_ratio: +(version / nodeBaseline).toFixed(2),
    list_ratio: +(list / nodeBaseline).toFixed(2),
  },
};
await writeFile(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `harness overhead per cell (median of ${overhead.cells}, model and check excluded): ${overhead.median_overhead_ms} ms`,
);
console.log(
  `  setup ${overhead.median_setup_ms} ms · agent outside model calls ${overhead.median_agent_outside_model_ms} ms · cleanup ${overhead.median_cleanup_ms} ms · (check ${overhead.median_check_ms} ms, model ${overhead.median_model_ms} ms)`,
);
console.log(
  `start-up: node -e 0 ${nodeBaseline} ms · cab --version ${version} ms (${results.startup_ms.version_ratio}×) · cab list ${list} ms (${results.startup_ms.list_ratio}×)`,
);
console.log("written to bench/results.json");
