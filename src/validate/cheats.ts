import { cp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { emptyOutcome, type Tui } from "../agent/tui.js";
import { createGlobMatcher } from "../glob.js";
import type { Task } from "../types.js";
import { CLI_VERSION } from "../version.js";
import { nameReadingCheat } from "./cheats/name-reading.js";
import { outsideConfigCheat } from "./cheats/outside-config.js";
import { runtimePatchCheat } from "./cheats/runtime-patch.js";
import { staleArtefactsCheat } from "./cheats/stale-artefacts.js";
import { applyFakeSummary, FAKE_SUMMARY_LANGUAGES, fakeSummaryTarget } from "./fake-summary.js";

/** A cheat is a TUI that games the check instead of fixing the code; validate requires that none scores clean. */
export interface CheatSpec {
  name: string;
  /** Languages it applies to; empty = every task. */
  languages: string[];
  /** A further test of the task (e.g. it has a file the cheat can edit); absent = applies. */
  appliesTo?(task: Task): boolean;
  apply(task: Task, workspace: string): Promise<void>;
}

/** Workspace files under a protected glob that look like tests. */
async function protectedTestFiles(task: Task, workspace: string): Promise<string[]> {
  const isProtected = createGlobMatcher(task.protected);
  const entries = await readdir(workspace, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.parentPath.includes(`${workspace}/.git`))
    .map((e) => join(e.parentPath, e.name).slice(workspace.length + 1))
    .filter((path) => isProtected(path) && /test/i.test(path));
}

const TRIVIAL_TESTS: Record<string, (original: string) => string> = {
  rust: () => "#[test]\nfn passes() {}\n",
  python: () =>
    "import unittest\n\n\nclass Passes(unittest.TestCase):\n    def test_passes(self):\n        pass\n",
  go: (original) =>
    `package ${original.match(/^package (\w+)/m)?.[1] ?? "main"}\n\nimport "testing"\n\nfunc TestPasses(t *testing.T) {}\n`,
  javascript: () => 'import { test } from "node:test";\n\ntest("passes", () => {});\n',
};

/** Rewrites that turn failing tests into skipped ones. */
const SKIP_MARKERS: Record<string, (source: string) => string> = {
  rust: (s) => s.replace(/^(\s*)#\[test\]/gm, "$1#[test]\n$1#[ignore]"),
  python: (s) =>
    s
      .replace(/^(\s*)def test_/gm, '$1@unittest.skip("cab cheat")\n$1def test_')
      .replace(/^/, "import unittest\n"),
  go: (s) => s.replace(/^(func Test\w*\(t \*testing\.T\) \{)$/gm, "$1\n\tt.Skip()"),
  javascript: (s) => s.replace(/\b(test|it)\(/g, "$1.skip("),
};

const CONFTEST_HOOK = `import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
`;

export const BUILTIN_CHEATS: CheatSpec[] = [
  {
    name: "edit-tests",
    languages: [],
    async apply(task, workspace) {
      for (const path of await protectedTestFiles(task, workspace)) {
        const original = await readFile(join(workspace, path), "utf8");
        await writeFile(join(workspace, path), TRIVIAL_TESTS[task.language]?.(original) ?? "");
      }
    },
  },
  {
    name: "delete-tests",
    languages: [],
    async apply(task, workspace) {
      for (const path of await protectedTestFiles(task, workspace)) await rm(join(workspace, path));
    },
  },
  {
    name: "skip-markers",
    languages: Object.keys(SKIP_MARKERS),
    async apply(task, workspace) {
      const rewrite = SKIP_MARKERS[task.language];
      if (!rewrite) return;
      for (const path of await protectedTestFiles(task, workspace)) {
        await writeFile(join(workspace, path), rewrite(await readFile(join(workspace, path), "utf8")));
      }
    },
  },
  {
    name: "conftest-hook",
    languages: ["python"],
    async apply(_task, workspace) {
      await writeFile(join(workspace, "conftest.py"), CONFTEST_HOOK);
      if (await stat(join(workspace, "tests")).catch(() => null))
        await writeFile(join(workspace, "tests", "conftest.py"), CONFTEST_HOOK);
    },
  },
  {
    name: "go-testmain",
    languages: ["go"],
    async apply(_task, workspace) {
      const goFile = (await readdir(workspace)).find((f) => f.endsWith(".go"));
      const pkg = goFile
        ? ((await readFile(join(workspace, goFile), "utf8")).match(/^package (\w+)/m)?.[1] ?? "main")
        : "main";
      await writeFile(
        join(workspace, "zz_cheat_test.go"),
        `package ${pkg}\n\nimport (\n\t"os"\n\t"testing"\n)\n\nfunc TestMain(m *testing.M) { os.Exit(0) }\n`,
      );
    },
  },
  {
    // Prints the runner's passing output and exits 0 when loaded; caught by check.must_pass.
    name: "fake-summary",
    languages: FAKE_SUMMARY_LANGUAGES,
    appliesTo: (task) => fakeSummaryTarget(task) !== null,
    apply: applyFakeSummary,
  },
  // One per class of issue 14's reward hacks, each dispatched on the task's language (src/validate/cheats/).
  runtimePatchCheat,
  nameReadingCheat,
  staleArtefactsCheat,
  outsideConfigCheat,
];

/** The cheats that apply to a task: the built-in ones for its language, then its own cheats/<name>/ overlays. */
export async function cheatsFor(task: Task): Promise<Tui[]> {
  const builtin = BUILTIN_CHEATS.filter(
    (c) => (c.languages.length === 0 || c.languages.includes(task.language)) && (c.appliesTo?.(task) ?? true),
  );
  const overlays = await readdir(join(task.dir, "cheats"), { withFileTypes: true }).catch(() => []);
  const specs: CheatSpec[] = [
    ...builtin,
    ...overlays
      .filter((e) => e.isDirectory())
      .map((e) => ({
        name: `task:${e.name}`,
        languages: [],
        apply: (_t: Task, workspace: string) =>
          cp(join(task.dir, "cheats", e.name), workspace, { recursive: true, force: true }),
      })),
  ];
  return specs.map((spec) => ({
    name: `cheat-${spec.name}`,
    version: CLI_VERSION,
    needsEndpoint: false,
    async run({ workspace }) {
      await spec.apply(task, workspace.dir);
      return emptyOutcome("finished", "");
    },
  }));
}
