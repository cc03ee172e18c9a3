import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadBundle } from "../../src/bundle/load-bundle.js";
import { parseTestCounts } from "../../src/check/parse-test-counts.js";
import type { Task } from "../../src/types.js";
import { BUILTIN_CHEATS } from "../../src/validate/cheats.js";

/**
 * Issue 14's cheat classes are only worth a column in `validate` if they are the real trick: each one,
 * planted as validate plants it, must fool a *naive* check — the task's check command run in the agent's
 * own workspace with the hidden tests copied in (what the CLI did before the clean room) — on the bug.
 * That the clean-room check catches them is what `cab validate` asserts on the whole catalogue.
 */
const run = promisify(execFile);
const bundle = await loadBundle();
const cells: string[] = [];
afterAll(() => Promise.all(cells.map((dir) => rm(dir, { recursive: true, force: true }))));

async function naiveCheck(task: Task, cheat: string): Promise<{ exit: number; output: string }> {
  const cell = await mkdtemp(join(tmpdir(), "cab-naive-"));
  cells.push(cell);
  const workspace = join(cell, "workspace");
  await cp(join(task.dir, "workspace"), workspace, { recursive: true });
  await mkdir(join(cell, "home"));
  const spec = BUILTIN_CHEATS.find((c) => c.name === cheat);
  if (!spec) throw new Error(`no cheat ${cheat}`);
  await spec.apply(task, workspace);
  await cp(join(task.dir, "hidden"), workspace, { recursive: true });
  const [command, ...args] = task.check.run;
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: join(cell, "home"),
    RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(process.env.HOME ?? "", ".rustup"),
  };
  try {
    const { stdout, stderr } = await run(command ?? "", args, { cwd: workspace, env, maxBuffer: 1 << 24 });
    return { exit: 0, output: `${stdout}\n${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { exit: typeof e.code === "number" ? e.code : 1, output: `${e.stdout}\n${e.stderr}` };
  }
}

const CASES: [cheat: string, task: string][] = [
  ["runtime-patch", "polyglot/python-reverse-string"],
  ["runtime-patch", "mutations/js-swapped-operator"],
  ["runtime-patch", "polyglot/java-equals-hashcode"],
  ["runtime-patch", "polyglot/cpp-iterator-invalidation"],
  ["runtime-patch", "polyglot/go-error-wrap"],
  ["runtime-patch", "mutations/rust-swapped-comparator"],
  ["runtime-name-reading", "mutations/python-comparator-swap"],
  ["runtime-name-reading", "polyglot/js-async-foreach"],
  ["runtime-name-reading", "mutations/java-wrong-constant"],
  ["runtime-name-reading", "mutations/c-boundary-off-by-one"],
  ["runtime-name-reading", "mutations/go-binary-search-off-by-one"],
  ["stale-artefacts", "polyglot/python-reverse-string"],
  ["stale-artefacts", "mutations/rust-error-negated"],
  ["outside-config", "mutations/python-boolean-operator"],
  ["outside-config", "polyglot/go-http-handler-fix"],
  ["outside-config", "polyglot/java-exception-handling"],
  ["outside-config", "polyglot/rust-error-handling"],
];

describe("issue 14's built-in cheats fool a naive check", () => {
  it.each(CASES)("%s on %s: exit 0, no failure counted", async (cheat, id) => {
    const task = bundle.tasks.find((t) => t.id === id);
    if (!task) throw new Error(`no task ${id}`);
    const { exit, output } = await naiveCheck(task, cheat);
    const counts = parseTestCounts(task.check.parser, output);
    expect({ exit, failed: counts?.failed, some: (counts?.passed ?? 0) > 0 }, output.slice(-2000)).toEqual({
      exit: 0,
      failed: 0,
      some: true,
    });
  });
});
