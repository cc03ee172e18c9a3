import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { runCli } from "../helpers/run-cli.js";

let outDir: string | null = null;
afterEach(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("check --demo", () => {
  it("solves the demo task through the real loop with one 429, in under 30 s, and writes --out", async () => {
    outDir = await mkdtemp(join(tmpdir(), "cab-demo-out-"));
    const run = await runCli(["check", "--demo", "--out", outDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.ms).toBeLessThan(30_000);
    expect(run.stdout).toContain("PROVISIONAL — not for citation");
    for (const figure of [
      "Pass            1.000",
      "Tokens/correct",
      "Wall",
      "Blast           0.000",
      "Refusal",
      "Integrity       1.000",
      "Composite",
    ]) {
      expect(run.stdout).toContain(figure);
    }
    expect(run.stderr).toMatch(/script .*not a model/);
    expect(run.stderr).toMatch(/HTTP 429: waiting 1\.0s/);

    const document = JSON.parse(await readFile(join(outDir, "run.json"), "utf8")) as RunDocument;
    expect(document).toMatchObject({
      provisional: true,
      methodology_version: "0.1",
      run: { status: "completed", demo: true },
    });
    const cell = document.cells[0];
    expect(cell?.scorer.pass_rate.pass).toBe(1);
    expect(cell?.scorer.blast_radius.modified).toEqual(["src/save-all.mjs"]);
    expect(cell?.trace.model_calls[0]?.status).toBe(429);
    expect(cell?.trace.spans.map((s) => s.kind)).toEqual(
      expect.arrayContaining([
        "task_setup",
        "agent_run",
        "model_call",
        "retry_wait",
        "tool_call",
        "check",
        "cleanup",
      ]),
    );
    const [cellFile] = await readdir(join(outDir, "cells"));
    const [traceFile] = await readdir(join(outDir, "traces"));
    expect(JSON.parse(await readFile(join(outDir, "cells", cellFile as string), "utf8"))).toEqual(cell);
    const traceLines = (await readFile(join(outDir, "traces", traceFile as string), "utf8"))
      .trim()
      .split("\n");
    expect(traceLines.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(
      expect.arrayContaining(["span", "model_call"]),
    );
  });

  it("--json prints only the result document on stdout", async () => {
    const run = await runCli(["check", "--demo", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as RunDocument;
    expect(document.notice).toBe("PROVISIONAL — not for citation; not a published CodingAgentBench cell");
    expect(document.summary).toMatchObject({ cells: 1, passed: 1, pass_rate: 1 });
  });
});

describe("list", () => {
  it("shows the bundled tasks with their toolchains", async () => {
    const run = await runCli(["list"]);
    expect(run.code).toBe(0);
    for (const id of [
      "polyglot/js-async-foreach",
      "polyglot/python-reverse-string",
      "polyglot/rust-owner-borrow-fix",
    ]) {
      expect(run.stdout).toContain(id);
    }
    expect(run.stdout).toMatch(/js-async-foreach\s+polyglot\s+javascript\s+node\s+yes/);
  });
});
