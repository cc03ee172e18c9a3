import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const PUBLISHED = fileURLToPath(new URL("../fixtures/published-cells.json", import.meta.url));
const fixture = JSON.parse(readFileSync(PUBLISHED, "utf8")) as {
  cells: { tui: string; model: string; task_id: string; published_composite: number }[];
};

interface ScoreJson {
  shape: string;
  all_within_tolerance: boolean;
  cells: {
    tui: string;
    model: string;
    task_id: string;
    stored: number | null;
    difference: number | null;
    recomputed: { composite: number };
  }[];
}

let outDir: string | null = null;
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("cab score", () => {
  it("reproduces every published cell within 0.0006; the seed cell prints 0.507", async () => {
    const json = await runCli(["score", PUBLISHED, "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as ScoreJson;
    expect(result.shape).toBe("published");
    expect(result.all_within_tolerance).toBe(true);
    expect(result.cells).toHaveLength(fixture.cells.length);
    result.cells.forEach((cell, i) => {
      const published = fixture.cells[i];
      expect([cell.tui, cell.model, cell.task_id]).toEqual([
        published?.tui,
        published?.model,
        published?.task_id,
      ]);
      expect(
        Math.abs(cell.recomputed.composite - (published?.published_composite ?? Number.NaN)),
      ).toBeLessThanOrEqual(0.0006);
    });

    const table = await runCli(["score", PUBLISHED]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toBe("");
    const seed = table.stdout
      .split("\n")
      .find((line) =>
        line.startsWith("openhands × mistralai/mistral-small-4-119b-2603 · polyglot/rust-owner-borrow-fix"),
      );
    expect(seed).toMatch(/\s0\.507\s+0\.507\s+0\.0000$/);
    expect(table.stdout).toContain(`all ${fixture.cells.length} within 0.0006 of the published composite`);
  });

  it("recomputes a run.json and a cell file written by check --out", async () => {
    outDir = await mkdtemp(join(tmpdir(), "cab-score-e2e-"));
    const check = await runCli([
      "check",
      "--tui",
      "oracle",
      "--task",
      "polyglot/js-async-foreach",
      "--out",
      outDir,
    ]);
    expect(check.code, check.stderr).toBe(0);

    const run = await runCli(["score", join(outDir, "run.json"), "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ScoreJson;
    expect(result).toMatchObject({ shape: "run", all_within_tolerance: true });
    expect(result.cells).toHaveLength(1);
    expect(result.cells[0]).toMatchObject({ task_id: "polyglot/js-async-foreach", difference: 0 });

    const [cellFile] = await readdir(join(outDir, "cells"));
    const cell = await runCli(["score", join(outDir, "cells", cellFile as string)]);
    expect(cell.code, cell.stderr).toBe(0);
    expect(cell.stdout).toMatch(/oracle × \S+ · polyglot\/js-async-foreach#run1\s+1\s+1\.000/);
    expect(cell.stdout).toContain(
      "1 cell(s) recomputed with methodology 0.1 · all 1 within 0.0006 of the stored composite",
    );
  });

  it("a file that is not a result: exit 2 and a message naming it", async () => {
    const run = await runCli(["score", fileURLToPath(new URL("../../package.json", import.meta.url))]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^error: .*package\.json is not a run\.json, a cell JSON or a published-cells file/,
    );
  });
});
