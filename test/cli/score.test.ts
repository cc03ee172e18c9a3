import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import {
  compositeInputsOf,
  readScoreInput,
  recomputeCells,
  renderScoreTable,
  ScoreInputError,
} from "../../src/cli/score.js";

const PUBLISHED_FILE = new URL("../fixtures/published-cells.json", import.meta.url);
const published = JSON.parse(readFileSync(PUBLISHED_FILE, "utf8")) as {
  cells: { scorer: Record<string, unknown> }[];
};
const SEED_SCORER = published.cells[0]?.scorer as Record<string, unknown>;

/** A cells/*.json as `check --out` writes it, cut down to what `score` reads. */
function cellJson(composite: number, runIndex = 1) {
  return {
    provisional: true,
    status: "completed",
    run_identity: {
      tui: "builtin",
      model: "qwen3-coder",
      task_id: "polyglot/rust-owner-borrow-fix",
      run_index: runIndex,
    },
    scorer: { ...SEED_SCORER, composite: { composite } },
  };
}

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    setRedactor() {},
    stderrIsTTY: false,
  };
  return { io, out, err };
}

describe("readScoreInput", () => {
  it.each<[string, unknown, string, number]>([
    ["a published-cells file", published, "published", 10],
    ["a run.json", { run: { tui: "builtin" }, cells: [cellJson(0.5, 1), cellJson(0.5, 2)] }, "run", 2],
    ["one cells/*.json", cellJson(0.5), "cell", 1],
  ])("%s", (_name, json, shape, count) => {
    const input = readScoreInput(json, "f.json");
    expect(input.shape).toBe(shape);
    expect(input.entries).toHaveLength(count);
  });

  it("takes the published composite over a stored one, and the run index from run_identity", () => {
    const [seed] = readScoreInput(published, "p.json").entries;
    expect(seed).toMatchObject({
      tui: "openhands",
      stored: 0.5072398818296163,
      run_index: null,
      status: null,
    });
    expect(readScoreInput(cellJson(0.25, 3), "c.json").entries[0]).toMatchObject({
      run_index: 3,
      stored: 0.25,
    });
  });

  it.each<[string, unknown, RegExp]>([
    ["an array", [], /^x\.json is not a run\.json, a cell JSON or a published-cells file/],
    ["an object without cells or scorer", { name: "pkg" }, /^x\.json is not a run\.json/],
    [
      "a cell without a scorer",
      { cells: [{ tui: "a", model: "b", task_id: "c" }] },
      /^x\.json: cell 1 has no "scorer"/,
    ],
    [
      "a cell without a task id",
      { cells: [{ tui: "a", model: "b", scorer: {} }] },
      /^x\.json: cell 1 has no "task_id"/,
    ],
  ])("rejects %s, naming the file", (_name, json, message) => {
    expect(() => readScoreInput(json, "x.json")).toThrow(ScoreInputError);
    expect(() => readScoreInput(json, "x.json")).toThrow(message);
  });
});

describe("compositeInputsOf", () => {
  it("reads the per-axis values the composite is made of", () => {
    expect(compositeInputsOf(SEED_SCORER, "seed")).toEqual({
      pass: 0,
      integrity: 1,
      totalTokens: 0,
      wallClockMs: 407398.115,
      blastRadius: 0,
      expectedRefusal: false,
      refusalCorrect: null,
      refusalProduced: false,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "wall clock missing",
      { ...SEED_SCORER, latency: {} },
      "seed: scorer.latency.wall_clock_ms is missing or not a number",
    ],
    [
      "pass a string",
      { ...SEED_SCORER, pass_rate: { pass: "1" } },
      "seed: scorer.pass_rate.pass is missing or not a number",
    ],
    [
      "refusal_correct unknown",
      { ...SEED_SCORER, refusal: { expected_refusal: true, refusal_correct: "yes" } },
      'seed: scorer.refusal.refusal_correct must be "true", "partial", "false" or null',
    ],
  ])("%s is an error", (_name, scorer, message) => {
    expect(() => compositeInputsOf(scorer, "seed")).toThrow(message);
  });
});

describe("recomputeCells + renderScoreTable", () => {
  it("the published cells reproduce within 0.0006, the seed exactly", () => {
    const cells = recomputeCells(readScoreInput(published, "p.json").entries, "p.json");
    expect(cells.every((c) => c.within_tolerance)).toBe(true);
    expect(cells[0]?.recomputed.composite).toBe(0.5072398818296163);
    expect(cells[0]?.difference).toBe(0);
  });

  it("prints the inputs, our composite, the stored one and the difference", () => {
    const json = {
      run: {},
      cells: [
        cellJson(0.5072398818296163, 1),
        cellJson(0.5, 2),
        { ...cellJson(0.2, 3), status: "infra_error" },
      ],
    };
    const cells = recomputeCells(readScoreInput(json, "run.json").entries, "run.json");
    expect(renderScoreTable(cells, "run")).toMatchInlineSnapshot(`
      "cell                                                                       pass  integrity  tokens  wall    blast  refusal  composite  stored  diff
      builtin × qwen3-coder · polyglot/rust-owner-borrow-fix#run1                0     1.000      0       407.4s  0.000  —        0.507      0.507   0.0000
      builtin × qwen3-coder · polyglot/rust-owner-borrow-fix#run2                0     1.000      0       407.4s  0.000  —        0.507      0.500   +0.0072
      builtin × qwen3-coder · polyglot/rust-owner-borrow-fix#run3 (infra_error)  0     1.000      0       407.4s  0.000  —        0.507      0.200   +0.3072

      3 cell(s) recomputed with methodology 0.1 · 2 of 3 differ from the stored composite by more than 0.0006"
    `);
  });
});

describe("cab score (through main)", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cab-score-"));
    await writeFile(join(dir, "cell.json"), JSON.stringify(cellJson(0.5)));
    await writeFile(join(dir, "broken.json"), "{ not json");
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "x" }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--json: the recomputed cells, the stored composite and the verdict", async () => {
    const { io, out } = captureIO();
    expect(await main(["score", join(dir, "cell.json"), "--json"], io)).toBe(0);
    const result = JSON.parse(out.join("\n"));
    expect(result).toMatchObject({
      shape: "cell",
      methodology_version: "0.1",
      tolerance: 0.0006,
      all_within_tolerance: false,
    });
    expect(result.cells[0]).toMatchObject({ stored: 0.5, within_tolerance: false });
    expect(result.cells[0].recomputed.composite).toBe(0.5072398818296163);
  });

  it.each<[string, (dir: string) => string[], RegExp]>([
    [
      "a missing file",
      (d) => ["score", join(d, "nope.json")],
      /^error: cannot read .*nope\.json: no such file$/,
    ],
    ["a folder", (d) => ["score", d], /^error: cannot read .*cab-score-\w+: it is a folder/],
    [
      "a file that is not JSON",
      (d) => ["score", join(d, "broken.json")],
      /^error: .*broken\.json is not JSON: /,
    ],
    [
      "JSON of another shape",
      (d) => ["score", join(d, "package.json")],
      /^error: .*package\.json is not a run\.json/,
    ],
    ["no file", () => ["score"], /^error: cab score needs a results file/],
    [
      "two files",
      (d) => ["score", join(d, "cell.json"), "other.json"],
      /^error: unexpected argument other\.json/,
    ],
    [
      "an unknown flag",
      (d) => ["score", join(d, "cell.json"), "--jsno"],
      /^error: unknown flag --jsno \(did you mean --json\?\)/,
    ],
  ])("%s: exit 2 with a plain message", async (_name, args, message) => {
    const { io, out, err } = captureIO();
    expect(await main(args(dir), io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.at(-1)).toMatch(message);
  });
});
