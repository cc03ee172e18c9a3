import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadBundle } from "../../src/bundle/load-bundle.js";
import { missingToolchain } from "../../src/bundle/probe-toolchain.js";
import { generateTasks } from "../../src/mutate/generate-tasks.js";

const SHIPPED = await loadBundle();
const scratch = await mkdtemp(join(tmpdir(), "cab-generate-test-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Every file under a folder, path → bytes, sorted. */
async function snapshot(dir: string): Promise<[string, string][]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const contents = await Promise.all(files.map((f) => readFile(f, "base64")));
  return files.map((f, i): [string, string] => [f.slice(dir.length), contents[i] as string]).sort();
}

describe.each([
  ["python", "mutations/python-boolean-operator"],
  ["javascript", "mutations/js-swapped-operator"],
  ["go", "mutations/go-binary-search-off-by-one"],
  ["rust", "mutations/rust-swapped-comparator"],
])("generateTasks (%s)", (language, id) => {
  const task = SHIPPED.tasks.find((t) => t.id === id);
  it("writes byte-identical tasks for the same seed, and loadable ones", {
    timeout: 180_000,
  }, async (ctx) => {
    if (!task) throw new Error(`${id} is not in the catalogue`);
    if ((await missingToolchain(task.requires)).length > 0) ctx.skip();
    const run = async (name: string) => {
      const outDir = join(scratch, language, name);
      const result = await generateTasks(task, { seed: 42, count: 1, outDir, sandbox: "none" });
      return { result, files: await snapshot(outDir), outDir };
    };
    const first = await run("a");
    const second = await run("b");
    expect(first.result.dirs).toHaveLength(1);
    expect(second.files).toEqual(first.files);
    expect(first.result.stats).toMatchObject({ kept: 1 });
    expect(first.result.stats.killed).toBeGreaterThanOrEqual(1);

    const generated = (await loadBundle(first.outDir)).tasks[0];
    expect(generated?.id).toBe(`${id}-s42-m1`);
    expect(generated?.expected_changes).toEqual(task.generator?.files);
    expect(generated?.generator).toBeUndefined();
    // hidden/ comes along, so do the hidden test names the runner must report passed.
    expect(task.check.must_pass.length).toBeGreaterThan(0);
    expect(generated?.check.must_pass).toEqual(task.check.must_pass);
    const readme = await readFile(join(first.result.dirs[0] as string, "workspace", "README.md"), "utf8");
    expect(readme).toContain(task.generator?.test_command);
  });
});
