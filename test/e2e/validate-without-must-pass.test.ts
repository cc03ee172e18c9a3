import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const SHIPPED = fileURLToPath(new URL("../../tasks/", import.meta.url));
/** One task per standard runner and one per harness kind, the quick ones. */
const TASKS = [
  "polyglot/python-reverse-string",
  "polyglot/js-async-foreach",
  "polyglot/go-error-wrap",
  "polyglot/c-malloc-off-by-one",
];

let scratch: string | null = null;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface ValidateJson {
  tasks: {
    task: string;
    violations?: string[];
    cheats?: { name: string; pass: number; caught: boolean }[];
  }[];
  violations: string[];
}

describe("a bundle we did not write (no check.must_pass)", () => {
  it("validates with 0 violations: the CLI's own tamper tests catch every faked run", {
    timeout: 600_000,
  }, async () => {
    scratch = await mkdtemp(join(tmpdir(), "cab-no-must-pass-"));
    for (const task of TASKS) {
      const copy = join(scratch, task);
      await cp(join(SHIPPED, task), copy, { recursive: true });
      const yaml = await readFile(join(copy, "task.yaml"), "utf8");
      const without = yaml.replace(/^ {2}must_pass:.*\n(?: {4}- .*\n)+/m, "");
      expect(without, task).not.toContain("must_pass");
      await writeFile(join(copy, "task.yaml"), without);
    }
    const run = await runCli(["validate", "--bundle", scratch, "--json"], { timeoutMs: 590_000 });
    const result = JSON.parse(run.stdout) as ValidateJson;
    expect(result.violations).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    for (const row of result.tasks) {
      const names = row.cheats?.map((c) => c.name) ?? [];
      expect(names, row.task).toEqual(expect.arrayContaining(["fake-summary", "runtime-name-reading"]));
      for (const cheat of row.cheats ?? [])
        expect(cheat, `${row.task} ${cheat.name}`).toMatchObject({ caught: true });
    }
  });
});
