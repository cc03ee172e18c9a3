#!/usr/bin/env node
// `npm run bench`: what cab costs around the model and the tests — overhead per cell, scaling, start-up,
// install and prompt size — each figure beside its target (issue 8). Figures, not assertions: prints a
// table and writes bench/results.json. Everything but the install section runs on loopback.
//
// BENCH_ONLY=overhead,scaling,startup,install,prompt picks sections; BENCH_CELLS (20), BENCH_SCALING_CELLS (25),
// BENCH_CONCURRENCY (1,2,4) and BENCH_STARTUP_REPEATS (15) change the sizes; BENCH_TARGET_ROOT measures
// another build of the package (a folder with bin/, dist/, tasks/, package.json) for a before/after.
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { measureInstall } from "./install.mjs";
import { measureOverhead } from "./overhead.mjs";
import { measurePromptCost } from "./prompt-cost.mjs";
import { measureScaling } from "./scaling.mjs";
import { RESULTS_FILE, ROOT } from "./spawn-cli.mjs";
import { measureStartup } from "./startup.mjs";
import { round } from "./stats.mjs";

const setting = (name, fallback) => process.env[name] ?? fallback;
const SECTIONS = {
  prompt: () => measurePromptCost(),
  startup: () => measureStartup({ repeats: Number(setting("BENCH_STARTUP_REPEATS", 15)) }),
  overhead: () => measureOverhead({ cells: Number(setting("BENCH_CELLS", 20)) }),
  scaling: () =>
    measureScaling({
      cells: Number(setting("BENCH_SCALING_CELLS", 25)),
      concurrencies: setting("BENCH_CONCURRENCY", "1,2,4").split(",").map(Number),
    }),
  install: () => measureInstall(),
};
const only = process.env.BENCH_ONLY?.split(",");

const results = {
  measured_at: new Date().toISOString(),
  node: process.version,
  git: execFileSync("git", ["--version"], { encoding: "utf8" }).trim(),
  cpus: cpus().length,
  measured_root: ROOT,
  sections: {},
};
const rows = [];
for (const [name, measure] of Object.entries(SECTIONS)) {
  if (only && !only.includes(name)) continue;
  const started = performance.now();
  const load = round(loadavg()[0], 2);
  process.stderr.write(`bench: ${name} …\n`);
  try {
    const section = await measure();
    rows.push(...section.rows);
    results.sections[name] = { ...section.data, rows: section.rows };
  } catch (error) {
    rows.push({
      section: name,
      metric: `failed: ${error.message.split("\n")[0]}`,
      value: null,
      unit: "",
      target: "",
      ok: false,
    });
    results.sections[name] = { error: error.stack };
  }
  Object.assign(results.sections[name], {
    load_avg_1m_at_start: load,
    bench_seconds: round((performance.now() - started) / 1000),
  });
}

console.log(renderTable(rows));
console.log(
  `\nload average (1 min) at each section start: ${Object.entries(results.sections)
    .map(([n, s]) => `${n} ${s.load_avg_1m_at_start}`)
    .join(" · ")} on ${results.cpus} CPUs`,
);
const missed = rows.filter((r) => r.ok === false);
console.log(missed.length ? `${missed.length} target(s) missed` : "every target met");
await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
console.log("written to bench/results.json");

function renderTable(tableRows) {
  const cells = tableRows.map((r) => [
    r.section,
    r.metric,
    r.value === null || r.value === undefined ? "" : `${r.value} ${r.unit}`.trim(),
    r.target ? `${r.target} ${r.unit}`.trim() : "",
    r.ok === null ? "" : r.ok ? "ok" : "MISSED",
  ]);
  const header = ["section", "metric", "figure", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((text, i) => text.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
