import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const SHIPPED = fileURLToPath(new URL("../../tasks/", import.meta.url));
let scratch: string | null = null;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface ValidateJson {
  tasks: {
    task: string;
    skipped?: string;
    violations?: string[];
    cheats?: { name: string; pass: number; caught: boolean }[];
  }[];
  violations: string[];
  skipped: number;
}

describe("cab validate", () => {
  it("the shipped catalogue is honest, with every toolchain present", { timeout: 900_000 }, async () => {
    const run = await runCli(["validate", "--json"], { timeoutMs: 890_000 });
    const result = JSON.parse(run.stdout) as ValidateJson;
    expect(result.violations).toEqual([]);
    expect(result.skipped).toBe(0);
    expect(run.code, run.stderr).toBe(0);
    for (const row of result.tasks) expect(row.cheats?.length, row.task).toBeGreaterThanOrEqual(3);
    // A faked runner summary is tried wherever the task names a source file to fix (not the two
    // refusal tasks), and check.must_pass or the task's grader fails it everywhere.
    const fakes = result.tasks.flatMap((row) => row.cheats?.filter((c) => c.name === "fake-summary") ?? []);
    expect(fakes).toHaveLength(result.tasks.length - 2);
    for (const fake of fakes) expect(fake).toMatchObject({ pass: 0, caught: true });
  });

  it("a dishonest bundle is caught: a solution that fails, a workspace that already passes, a must_pass name no test has", async () => {
    scratch = await mkdtemp(join(tmpdir(), "cab-validate-"));
    const source = join(SHIPPED, "polyglot/js-async-foreach");
    const broken = join(scratch, "polyglot/js-no-solution");
    const easy = join(scratch, "polyglot/js-already-solved");
    const unknown = join(scratch, "polyglot/js-unknown-must-pass");
    await cp(source, broken, { recursive: true });
    await cp(source, easy, { recursive: true });
    await cp(source, unknown, { recursive: true });
    await rm(join(broken, "solution"), { recursive: true });
    await cp(join(source, "solution"), join(easy, "workspace"), { recursive: true, force: true });
    for (const [dir, id] of [
      [broken, "polyglot/js-no-solution"],
      [easy, "polyglot/js-already-solved"],
      [unknown, "polyglot/js-unknown-must-pass"],
    ] as const) {
      const yaml = await readFile(join(dir, "task.yaml"), "utf8");
      await writeFile(join(dir, "task.yaml"), yaml.replace(/^id: .*$/m, `id: ${id}`));
    }
    const yaml = await readFile(join(unknown, "task.yaml"), "utf8");
    await writeFile(
      join(unknown, "task.yaml"),
      yaml.replace(/^ {2}must_pass:.*$/m, '$&\n    - "hidden: no such test"'),
    );
    const run = await runCli(["validate", "--bundle", scratch]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(
      "polyglot/js-no-solution: oracle run 1: the reference solution does not pass",
    );
    expect(run.stdout).toContain("polyglot/js-already-solved: the untouched workspace passes the check");
    expect(run.stdout).toContain(
      'polyglot/js-unknown-must-pass: oracle run 1: must_pass test "hidden: no such test" is not reported passed',
    );
    expect(run.stdout).toMatch(/3 task\(s\) validated, 0 skipped, \d+ violation\(s\)/);
  });
});
