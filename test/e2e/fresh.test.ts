import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { type FakeStep, type RecordedRequest, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { CLI_BIN, runCli } from "../helpers/run-cli.js";

const scratch = await mkdtemp(join(tmpdir(), "cab-fresh-e2e-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Python and JavaScript seeds: the fastest checks in the catalogue. */
const FAST_SEEDS = ["--task", "mutations/python-*", "--task", "mutations/js-*"];

/**
 * A scripted agent that applies a generated task's recorded inverse fix: it reads the file the prompt
 * names, finds the generated task whose mutant that file is, and sends FIX.md's edit as edit_file.
 */
function inverseFixAgent(tasksDir: string) {
  return (request: RecordedRequest): FakeStep => {
    const messages = (request.body.messages ?? []) as { role: string; content?: unknown }[];
    const turn = messages.filter((m) => m.role === "assistant").length;
    const prompt = String(messages.find((m) => m.role === "user")?.content ?? "");
    const file = prompt.match(/Fix a regression in `([^`]+)`/)?.[1] ?? "README.md";
    if (turn === 0) return { toolCalls: [{ name: "read_file", arguments: { path: file } }] };
    if (turn === 1) {
      const seen = String(messages.filter((m) => m.role === "tool").at(-1)?.content ?? "");
      const root = join(tasksDir, "mutations");
      const task = readdirSync(root).find((name) => {
        const path = join(root, name, "workspace", file);
        return existsSync(path) && seen.includes(readFileSync(path, "utf8"));
      });
      if (!task) return { content: "no generated task matches this file" };
      const fixJson = readFileSync(join(root, task, "FIX.md"), "utf8").match(/```json\n([\s\S]*?)```/)?.[1];
      const { fix } = JSON.parse(fixJson ?? "{}") as { fix: Record<string, string> };
      return { toolCalls: [{ name: "edit_file", arguments: fix }] };
    }
    return { toolCalls: [{ name: "finish", arguments: { message: "Restored the original code." } }] };
  };
}

describe("cab check --fresh", () => {
  it("generates three tasks for seed 42 that validate, and a scripted inverse fix passes them", {
    timeout: 300_000,
  }, async () => {
    const out = join(scratch, "run");
    const tasksDir = join(out, "fresh-tasks");
    const endpoint = await startFakeEndpoint({ respond: inverseFixAgent(tasksDir) });
    try {
      const run = await runCli(
        [
          "check",
          "--fresh",
          "3",
          "--seed",
          "42",
          ...FAST_SEEDS,
          "--endpoint",
          endpoint.url,
          "--model",
          "scripted",
          "--out",
          out,
          "--json",
        ],
        { timeoutMs: 280_000 },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(
        "fresh: seed 42, 3 task(s) from javascript, python (repeat with --fresh 3 --seed 42)",
      );
      const document = JSON.parse(run.stdout) as RunDocument;
      expect(document.cells).toHaveLength(3);
      for (const cell of document.cells) {
        expect(cell.run_identity.fresh_seed).toBe(42);
        expect(cell.run_identity.cell_id).toMatch(/\/mutations\/(python|js)-[a-z-]+-s42-m\d#run1$/);
        expect(cell.scorer.pass_rate.pass, cell.run_identity.task_id).toBe(1);
        expect(cell.scorer.blast_radius.unexpected_changes).toEqual([]);
      }
      const languages = new Set(
        document.cells.map((c) => c.run_identity.task_id.split("/")[1]?.split("-")[0]),
      );
      expect(languages).toEqual(new Set(["python", "js"]));
    } finally {
      await endpoint.close();
    }

    const validate = await runCli(["validate", "--bundle", tasksDir, "--json"], { timeoutMs: 280_000 });
    const result = JSON.parse(validate.stdout) as { tasks: unknown[]; violations: string[] };
    expect(result.violations).toEqual([]);
    expect(result.tasks).toHaveLength(3);
    expect(validate.code, validate.stderr).toBe(0);
  });

  it("without --out, removes the generated tasks when the run ends", { timeout: 120_000 }, async () => {
    const tmp = join(scratch, "tmp");
    await rm(tmp, { recursive: true, force: true });
    await (await import("node:fs/promises")).mkdir(tmp);
    const run = await runCli(["check", "--fresh", "1", "--task", "mutations/js-*", "--tui", "noop"], {
      env: { TMPDIR: tmp },
      timeoutMs: 110_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /fresh: seed \d+, 1 task\(s\) from javascript \(repeat with --fresh 1 --seed \d+\)/,
    );
    expect(run.stdout).toMatch(/mutations\/js-swapped-operator-s\d+-m1/);
    expect((await readdir(tmp)).filter((name) => name.startsWith("cab-fresh-"))).toEqual([]);
  });

  it("Ctrl-C while the tasks are generated exits 130 at once and leaves no generated tasks behind", {
    timeout: 120_000,
  }, async () => {
    const tmp = await mkdtemp(join(scratch, "tmp-"));
    // Rust seeds: each mutant's check is a cargo build, so generation is still running when the signal comes.
    const child = spawn(
      process.execPath,
      [CLI_BIN, "check", "--fresh", "4", "--seed", "3", "--task", "mutations/rust-*", "--tui", "noop"],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: tmp, NO_COLOR: "1" } },
    );
    let stderr = "";
    const started = new Promise<void>((resolve) =>
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk;
        if (stderr.includes("fresh: seed 3")) resolve();
      }),
    );
    await started;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a mutant's check is under way
    const signalled = performance.now();
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, stderr).toBe(130);
    expect(performance.now() - signalled).toBeLessThan(10_000);
    expect(stderr).toContain("interrupted: stopping the task generation");
    expect(stderr).not.toContain("    at ");
    expect((await readdir(tmp)).filter((name) => name.startsWith("cab-fresh-"))).toEqual([]);
  });

  it.each([
    [["check", "--seed", "5", "--tui", "noop"], "--seed goes with --fresh N"],
    [["check", "--fresh", "0", "--tui", "noop"], "--fresh must be a whole number from 1 to 50, got 0"],
    [
      ["check", "--fresh", "2", "--seed", "1.5", "--tui", "noop"],
      "--seed must be a whole number from 0 to 4294967295",
    ],
    [
      ["check", "--fresh", "2", "--task", "polyglot/*", "--tui", "noop"],
      "--fresh: no task matching polyglot/* has a generator:",
    ],
    [["mutate", "--out", "x"], "missing --task"],
    [
      ["mutate", "--task", "mutations/java-wrong-constant", "--out", "x"],
      "no generator: in the task.yaml of mutations/java-wrong-constant",
    ],
    [
      ["mutate", "--task", "mutations/js-swapped-operator", "--out", "x", "--count", "many"],
      "--count must be a whole number",
    ],
  ])("%j is a usage error (exit 2, no stack)", async (args, message) => {
    const run = await runCli(args, { cwd: scratch });
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain("    at ");
    expect(run.code).toBe(2);
    expect(existsSync(join(scratch, "x"))).toBe(false);
  });
});
