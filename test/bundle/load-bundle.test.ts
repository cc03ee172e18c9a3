import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadBundle } from "../../src/bundle/load-bundle.js";
import { BundleError } from "../../src/errors.js";

const SHIPPED = fileURLToPath(new URL("../../tasks/", import.meta.url));

const TASK_YAML = `id: polyglot/tiny
version: v0.1
category: polyglot
language: python
title: A tiny task
requires: [python3]
budget: { max_turns: 5, timeout_s: 60 }
check:
  run: ["python3", "-m", "unittest"]
  timeout_s: 30
  parser: unittest
  min_tests: 2
expected_changes: [main.py]
protected: ["tests/**"]
`;

let bundle: string;
let taskFile: string;

async function writeTree(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(bundle, path)), { recursive: true });
    await writeFile(join(bundle, path), content);
  }
}

beforeEach(async () => {
  bundle = await mkdtemp(join(tmpdir(), "cab-bundle-"));
  taskFile = join(bundle, "polyglot/tiny/task.yaml");
  await writeTree({ "polyglot/tiny/task.yaml": TASK_YAML, "polyglot/tiny/workspace/main.py": "print(1)\n" });
});
afterEach(async () => {
  await rm(bundle, { recursive: true, force: true });
});

async function loadError(): Promise<BundleError> {
  const error = await loadBundle(bundle).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  return error as BundleError;
}

describe("loadBundle", () => {
  it("loads the shipped bundle: its tasks, sorted, and a digest", async () => {
    const loaded = await loadBundle(SHIPPED);
    const ids = loaded.tasks.map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "polyglot/js-async-foreach",
        "polyglot/python-reverse-string",
        "polyglot/rust-owner-borrow-fix",
      ]),
    );
    expect(ids).toEqual([...ids].sort());
    expect(loaded.digest).toMatch(/^[0-9a-f]{64}$/);
    const rust = loaded.tasks.find((t) => t.id === "polyglot/rust-owner-borrow-fix");
    expect(rust).toMatchObject({
      category: "polyglot",
      requires: ["cargo"],
      check: { parser: "cargo", min_tests: 8 },
    });
    expect(rust?.dir).toBe(join(SHIPPED, "polyglot/rust-owner-borrow-fix"));
  });

  it("fills in the defaults and drops schema", async () => {
    await writeFile(taskFile, `schema: 1\n${TASK_YAML}`);
    const [task] = (await loadBundle(bundle)).tasks;
    expect(task).toMatchObject({
      expected_refusal: false,
      ignore_in_diff: [],
      constraints: [],
      check: { env: {}, min_tests: 2 },
    });
    expect(task).not.toHaveProperty("schema");
  });

  it.each<[string, (yaml: string) => string, string[]]>([
    ["check.timeout_s too large", (y) => y.replace("timeout_s: 30", "timeout_s: 99999"), ["check.timeout_s"]],
    ["check.timeout_s a string", (y) => y.replace("timeout_s: 30", 'timeout_s: "30"'), ["check.timeout_s"]],
    ["unknown category", (y) => y.replace("category: polyglot", "category: puzzles"), ["category"]],
    ["misspelled key", (y) => y.replace("check:", "chekc:"), ["chekc", "check"]],
    ["unknown parser", (y) => y.replace("parser: unittest", "parser: jest"), ["check.parser"]],
    ["budget.max_turns not whole", (y) => y.replace("max_turns: 5", "max_turns: 2.5"), ["budget.max_turns"]],
    [
      "protected path escaping",
      (y) => y.replace('"tests/**"', '"../secrets"'),
      ["protected.0", "relative path"],
    ],
    [
      "constraint of unknown kind",
      (y) => `${y}constraints:\n  - { kind: no-network }\n`,
      ["constraints.0.kind"],
    ],
    [
      "lowercase env name",
      (y) => y.replace("min_tests: 2", "min_tests: 2\n  env: { path: x }"),
      ["check.env"],
    ],
  ])("an invalid field names the file and field: %s", async (_name, edit, fragments) => {
    await writeFile(taskFile, edit(TASK_YAML));
    const error = await loadError();
    expect(error.message).toContain(taskFile);
    for (const fragment of fragments) expect(error.message).toContain(fragment);
    expect(error.exitCode).toBe(2);
  });

  it.each<[string, () => Promise<unknown>, RegExp]>([
    ["invalid YAML", () => writeFile(taskFile, "id: [unclosed\n"), /not valid YAML/],
    [
      "id not matching its folder",
      () => writeFile(taskFile, TASK_YAML.replace("polyglot/tiny", "polyglot/other")),
      /id: "polyglot\/other" does not match its folder "polyglot\/tiny"/,
    ],
    [
      "no workspace/",
      () => rm(join(bundle, "polyglot/tiny/workspace"), { recursive: true }),
      /has no workspace\/ folder/,
    ],
  ])("%s names the file", async (_name, breakIt, message) => {
    await breakIt();
    const error = await loadError();
    expect(error.message).toContain(taskFile);
    expect(error.message).toMatch(message);
  });

  it.each<[string, () => string, RegExp]>([
    ["a missing folder", () => join(bundle, "nope"), /cannot read bundle .*nope/],
    ["a file", () => taskFile, /is not a folder/],
    ["a folder without tasks", () => join(bundle, "polyglot/tiny/workspace"), /has no task\.yaml files/],
  ])("refuses %s", async (_name, dir, message) => {
    await expect(loadBundle(dir())).rejects.toThrow(message);
  });

  it("the digest changes when any file changes, and only then", async () => {
    const first = (await loadBundle(bundle)).digest;
    expect((await loadBundle(bundle)).digest).toBe(first);
    await writeFile(join(bundle, "polyglot/tiny/workspace/main.py"), "print(2)\n");
    const second = (await loadBundle(bundle)).digest;
    expect(second).not.toBe(first);
    await writeTree({ "polyglot/tiny/hidden/test_h.py": "" });
    expect((await loadBundle(bundle)).digest).not.toBe(second);
  });

  it("each task has its own digest: editing one task changes its digest and the bundle's, not the other's", async () => {
    await writeTree({
      "polyglot/other/task.yaml": TASK_YAML.replace("polyglot/tiny", "polyglot/other"),
      "polyglot/other/workspace/main.py": "print(1)\n",
      "NOTES.md": "not part of any task\n",
    });
    const digests = async (): Promise<Record<string, string | undefined>> => {
      const loaded = await loadBundle(bundle);
      return { bundle: loaded.digest, ...Object.fromEntries(loaded.tasks.map((t) => [t.id, t.digest])) };
    };
    const first = await digests();
    expect(first["polyglot/tiny"]).toMatch(/^[0-9a-f]{64}$/);
    expect(first["polyglot/other"]).not.toBe(first["polyglot/tiny"]);
    await writeFile(join(bundle, "polyglot/tiny/workspace/main.py"), "print(2)\n");
    const second = await digests();
    expect(second["polyglot/tiny"]).not.toBe(first["polyglot/tiny"]);
    expect(second["polyglot/other"]).toBe(first["polyglot/other"]);
    expect(second.bundle).not.toBe(first.bundle);
    await writeFile(join(bundle, "NOTES.md"), "edited\n");
    const third = await digests();
    expect(third.bundle).not.toBe(second.bundle);
    expect({ ...third, bundle: "" }).toEqual({ ...second, bundle: "" });
  });

  it("a copy in another place has the same digest; build outputs do not count", async () => {
    const first = (await loadBundle(bundle)).digest;
    const copy = join(bundle, "..", `${bundle.split("/").pop()}-copy`);
    try {
      await cp(bundle, copy, { recursive: true });
      await mkdir(join(copy, "polyglot/tiny/workspace/__pycache__"));
      await writeFile(join(copy, "polyglot/tiny/workspace/__pycache__/main.pyc"), "pyc");
      expect((await loadBundle(copy)).digest).toBe(first);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
