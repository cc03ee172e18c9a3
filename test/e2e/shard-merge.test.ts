import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import type { CellResult } from "../../src/types.js";
import { type FakeEndpoint, type FakeStep, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { runCli } from "../helpers/run-cli.js";

const TASKS = ["polyglot/python-reverse-string", "mutations/python-comparator-swap"];
const TASK_FILES: Record<string, string> = { stringutil: "stringutil.py", sorter: "sorter.py" };

let endpoint: FakeEndpoint;
let work: string;
let fixes: Record<string, string>;

/** Two scripted models: "fixer" writes the reference solution and finishes, "quitter" finishes at once. */
function respond(request: { body: { model?: string; messages?: { role: string; content?: unknown }[] } }) {
  const messages = request.body.messages ?? [];
  const turn = messages.filter((m) => m.role === "assistant").length;
  const prompt = String(messages.find((m) => m.role === "user")?.content ?? "");
  const file = prompt.includes("sorter.py") ? "sorter.py" : "stringutil.py";
  const finish: FakeStep = { toolCalls: [{ name: "finish", arguments: { message: "done" } }] };
  if (request.body.model === "quitter" || turn > 0) return finish;
  return { toolCalls: [{ name: "write_file", arguments: { path: file, content: fixes[file] as string } }] };
}

const check = (extra: string[]) =>
  runCli([
    "check",
    "--endpoint",
    endpoint.url,
    ...["builtin", "oracle", "noop"].flatMap((t) => ["--tui", t]),
    ...["fixer", "quitter"].flatMap((m) => ["--model", m]),
    ...TASKS.flatMap((t) => ["--task", t]),
    "--sandbox",
    "none",
    ...extra,
  ]);

const readRun = async (dir: string) =>
  JSON.parse(await readFile(join(dir, "run.json"), "utf8")) as RunDocument;

/** What must agree between a sharded and an unsharded run: everything but time, shard and the date. */
function comparable(cell: CellResult) {
  const { shard: _shard, cell_id, ...identity } = cell.run_identity;
  const { latency: _latency, composite: _composite, ...scorer } = cell.scorer;
  // Check output tails hold test timings and the tamper tests, whose names and numbers are drawn afresh
  // for every check: left out. Everything scored from them is compared.
  scorer.pass_rate = { ...scorer.pass_rate, stdout_tail: "<varies>", stderr_tail: "<varies>" };
  return {
    id: cell_id.replace(/^local-\d{8}\//, ""),
    identity,
    status: cell.status,
    reason: cell.status_reason,
    methodology: cell.methodology_version,
    scorer,
  };
}
const sortedComparable = (cells: CellResult[]) =>
  cells.map(comparable).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "cab-shard-"));
  fixes = {};
  for (const [task, file] of [
    [TASKS[0], TASK_FILES.stringutil],
    [TASKS[1], TASK_FILES.sorter],
  ] as [string, string][]) {
    fixes[file] = await readFile(new URL(`../../tasks/${task}/solution/${file}`, import.meta.url), "utf8");
  }
  endpoint = await startFakeEndpoint({ respond });
});
afterAll(async () => {
  await endpoint?.close();
  await rm(work, { recursive: true, force: true });
});

describe("check --shard i/4 and cab merge (the CI recipe, run locally)", () => {
  it("4 shards of a 12-cell run cover every cell once and merge into the unsharded run's cells", async () => {
    const full = await check(["--out", join(work, "full"), "--concurrency", "2"]);
    expect(full.code, full.stderr).toBe(0);
    const unsharded = await readRun(join(work, "full"));
    expect(unsharded.cells).toHaveLength(12);
    // builtin×fixer on both tasks, and oracle under both model names on both tasks.
    expect(unsharded.summary.passed).toBe(2 + 4);
    const ids = new Set<string>();
    for (let i = 1; i <= 4; i++) {
      const run = await check(["--shard", `${i}/4`, "--out", join(work, `out-${i}`)]);
      expect(run.code, run.stderr).toBe(0);
      const part = await readRun(join(work, `out-${i}`));
      expect(part.run.shard).toBe(`${i}/4`);
      expect(part.cells, "12 cells in 4 shards: 3 each").toHaveLength(3);
      for (const cell of part.cells) {
        expect(cell.run_identity.shard).toBe(`${i}/4`);
        expect(ids.has(cell.run_identity.cell_id), `${cell.run_identity.cell_id} in two shards`).toBe(false);
        ids.add(cell.run_identity.cell_id);
      }
    }
    expect([...ids].sort()).toEqual(unsharded.cells.map((c) => c.run_identity.cell_id).sort());

    const merged = join(work, "merged");
    const merge = await runCli([
      "merge",
      ...[1, 2, 3, 4].map((i) => join(work, `out-${i}`)),
      "--out",
      merged,
    ]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toMatch(/merged 12 cell\(s\) from 4 folder\(s\)/);
    const document = await readRun(merged);
    expect(sortedComparable(document.cells)).toEqual(sortedComparable(unsharded.cells));
    const { mean_composite: _a, ...mergedCounts } = document.summary;
    const { mean_composite: _b, ...fullCounts } = unsharded.summary;
    expect(mergedCounts).toEqual(fullCounts); // the composite follows wall-clock time
    expect(document.run.merge?.sources.map((s) => s.shard)).toEqual(["1/4", "2/4", "3/4", "4/4"]);
    const files = (await readdir(merged, { recursive: true })).map(String);
    expect(files).toEqual(
      expect.arrayContaining(["report.html", "summary.md", "junit.xml", "badges/run.svg"]),
    );
    expect(files.filter((f) => f.startsWith("traces/") && f.endsWith(".jsonl"))).toHaveLength(12);
    const summary = await readFile(join(merged, "summary.md"), "utf8");
    expect(summary).toContain("**Merged** from 4 folder(s) (shards 1/4, 2/4, 3/4, 4/4)");
    expect(summary).toContain("12 cell(s)");

    // The sweep's gate is judged once, over every merged cell: still merged, exit 1, by how much.
    const passRate = document.summary.pass_rate as number;
    const gated = await runCli([
      ...["merge", ...[1, 2, 3, 4].map((i) => join(work, `out-${i}`))],
      ...["--out", join(work, "gated"), "--min-pass", "0.9", "--fail-under", "0"],
    ]);
    expect(gated.code, gated.stderr).toBe(1);
    expect(gated.stderr).toContain(
      `gate failed: pass rate ${passRate.toFixed(3)} is below --min-pass 0.9 by ${(0.9 - passRate).toFixed(3)}`,
    );
    expect(gated.stderr).not.toContain("--fail-under");
    expect((await readRun(join(work, "gated"))).cells).toHaveLength(12);
  });

  it("refuses to merge cells scored under another methodology version (exit 2), unless --allow-mixed", async () => {
    const mixed = join(work, "mixed-1");
    await cp(join(work, "out-1"), mixed, { recursive: true });
    const document = await readRun(mixed);
    (document.cells[0] as CellResult).methodology_version = "0.2";
    await writeFile(join(mixed, "run.json"), JSON.stringify(document));
    const others = [2, 3, 4].map((i) => join(work, `out-${i}`));

    const refused = await runCli(["merge", mixed, ...others, "--out", join(work, "refused")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to merge cells that are not comparable/);
    expect(refused.stderr).toMatch(
      /methodology versions differ: 0\.1 \(\d+ cell\(s\) from .*\) vs 0\.2 \(1 cell\(s\) from .*mixed-1\)/,
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const allowed = await runCli([
      "merge",
      mixed,
      ...others,
      "--out",
      join(work, "allowed"),
      "--allow-mixed",
    ]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toMatch(/warning: MIXED — methodology versions differ/);
    expect(await readFile(join(work, "allowed", "summary.md"), "utf8")).toMatch(
      /MIXED — not comparable as one run/,
    );
    expect(await readFile(join(work, "allowed", "report.html"), "utf8")).toMatch(
      /MIXED — not comparable as one run/,
    );
  });

  it("a folder without run.json, a bad --shard and a missing --out are clear usage errors (exit 2)", async () => {
    const missing = await runCli(["merge", join(work, "nowhere"), "--out", join(work, "x")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error: .*nowhere has no run\.json/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    await cp(join(work, "out-1"), join(work, "broken"), { recursive: true });
    await writeFile(join(work, "broken", "run.json"), "{ not json");
    const broken = await runCli(["merge", join(work, "broken"), "--out", join(work, "y")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/run\.json is not valid JSON/);
    for (const shard of ["0/4", "5/4", "x"]) {
      const run = await runCli(["check", "--tui", "oracle", "--shard", shard]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--shard takes i/n with 1 ≤ i ≤ n (e.g. --shard 2/4), got "${shard}"`);
    }
    const noOut = await runCli(["merge", join(work, "out-1")]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/needs --out DIR/);
  });

  it("validate --shard 1/2 and 2/2 validate disjoint halves of the selected tasks, and say which shard", async () => {
    const tasks = ["--task", "polyglot/python-reverse-string", "--task", "mutations/python-comparator-swap"];
    const validated: string[] = [];
    for (const shard of ["1/2", "2/2"]) {
      const json = await runCli(["validate", ...tasks, "--shard", shard, "--json"]);
      expect(json.code, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout) as { shard: string; tasks: { task: string }[] };
      expect(report.shard).toBe(shard);
      expect(report.tasks).toHaveLength(1);
      validated.push(...report.tasks.map((t) => t.task));
    }
    expect(validated.sort()).toEqual(["mutations/python-comparator-swap", "polyglot/python-reverse-string"]);
    const text = await runCli(["validate", ...tasks, "--shard", "2/2"]);
    expect(text.stdout).toContain(
      "1 task(s) validated, 0 skipped, 0 violation(s) (shard 2/2 of the selected tasks)",
    );
  });
});
