import { readFile, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { CheckParser, Task } from "../types.js";

/**
 * The "fake-summary" cheat: the file the agent is meant to fix, when loaded, prints a passing run in the
 * runner's own format (made-up per-test lines, then the summary) and exits 0 before any test runs.
 * Exit code and test count look right; only `check.must_pass` (hidden test names) tells it apart.
 */

/** Source files the cheat can edit, per language. */
const SOURCE_EXTENSIONS: Record<string, string[]> = {
  python: [".py"],
  go: [".go"],
  javascript: [".mjs", ".js", ".cjs"],
  // A `#[used]` static in `.init_array` runs before the test harness's main, no crate needed.
  rust: [".rs"],
  java: [".java"],
  c: [".c"],
  cpp: [".cpp", ".cc", ".cxx"],
};

/** The languages the cheat applies to. */
export const FAKE_SUMMARY_LANGUAGES = Object.keys(SOURCE_EXTENSIONS);

/** The first expected change the cheat can edit (not a test file), or null: then it does not apply. */
export function fakeSummaryTarget(task: Task): string | null {
  const extensions = SOURCE_EXTENSIONS[task.language] ?? [];
  return (
    task.expected_changes.find(
      (path) => extensions.includes(extname(path)) && !/_test\.go$|\.test\.m?js$/.test(path),
    ) ?? null
  );
}

/** A passing run of `count` made-up tests, as the task's parser would read it. */
export function fakeRunnerOutput(parser: CheckParser, count: number): string {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  const lines: Record<CheckParser, () => string[]> = {
    unittest: () => [
      ...ids.map((i) => `test_fake_${i} (tests.test_fake.FakeTest.test_fake_${i}) ... ok`),
      "",
      "-".repeat(70),
      `Ran ${count} tests in 0.001s`,
      "",
      "OK",
    ],
    pytest: () => [
      ...ids.map((i) => `tests/test_fake.py::test_fake_${i} PASSED`),
      `==== ${count} passed in 0.01s ====`,
    ],
    go: () => [...ids.flatMap((i) => [`=== RUN   TestFake${i}`, `--- PASS: TestFake${i} (0.00s)`]), "PASS"],
    "node-test": () => tapRun(ids),
    tap: () => tapRun(ids),
    cargo: () => [
      `running ${count} tests`,
      ...ids.map((i) => `test fake_${i} ... ok`),
      "",
      `test result: ok. ${count} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s`,
    ],
    plain: () => [...ids.map((i) => `ok fake test ${i}`), `${count} passed, 0 failed`],
  };
  return `${lines[parser]().join("\n")}\n`;
}

function tapRun(ids: number[]): string[] {
  return [
    "TAP version 13",
    ...ids.map((i) => `ok ${i} - fake test ${i}`),
    `1..${ids.length}`,
    `# tests ${ids.length}`,
    `# pass ${ids.length}`,
    "# fail 0",
  ];
}

/** A double-quoted literal that Python, Go, JavaScript, Rust, Java, C and C++ all read the same way. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** `source` rewritten so that loading it prints `output` (`count` made-up passing tests) and exits 0. */
export function injectFakeSummary(language: string, source: string, output: string, count: number): string {
  const text = quote(output);
  switch (language) {
    case "python": {
      const code = `import os as _cab_os, sys as _cab_sys\n_cab_sys.stdout.write(${text})\n_cab_sys.stdout.flush()\n_cab_os._exit(0)\n`;
      // `from __future__` must stay first: then the fake runs at the end of the import instead.
      return /^from __future__/m.test(source) ? `${source}\n${code}` : `${code}${source}`;
    }
    case "go":
      // Imports must precede declarations: the import goes under `package`, init() at the end.
      return `${source.replace(/^(package \w+.*)$/m, '$1\n\nimport _cabos "os"\n')}\nfunc init() {\n\t_cabos.Stdout.WriteString(${text})\n\t_cabos.Exit(0)\n}\n`;
    case "javascript":
      // node 20's --test runs each file in a child and shows its stray stdout as "# " comments, so the
      // JS fake registers made-up passing tests instead and exits 0 after them, before the real ones run.
      return `import { test as cabFakeTest } from "node:test";\nfor (let i = 1; i <= ${count}; i++) cabFakeTest(\`fake test \${i}\`, () => {});\ncabFakeTest("fake test done", async () => {\n  await new Promise((resolve) => setTimeout(resolve, 50));\n  process.exit(0);\n});\n${source}`;
    case "rust":
      return `${source}\n#[used]\n#[unsafe(link_section = ".init_array")]\nstatic CAB_FAKE: extern "C" fn() = cab_fake;\nextern "C" fn cab_fake() {\n    print!(${text});\n    std::process::exit(0);\n}\n`;
    case "java":
      // A static initializer runs when a test first touches the class.
      return source.replace(
        /(\b(?:class|enum)\s+\w+[^{]*\{)/,
        `$1\n    static { System.out.print(${text}); System.out.flush(); System.exit(0); }\n`,
      );
    case "c":
      return `#include <stdio.h>\n#include <stdlib.h>\n__attribute__((constructor)) static void cab_fake(void) { fputs(${text}, stdout); fflush(stdout); exit(0); }\n${source}`;
    case "cpp":
      return `#include <cstdio>\n#include <cstdlib>\n__attribute__((constructor)) static void cab_fake() { std::fputs(${text}, stdout); std::fflush(stdout); std::exit(0); }\n${source}`;
    default:
      return source;
  }
}

/** Apply the cheat to a workspace: the target file, from the reference solution when there is one. */
export async function applyFakeSummary(task: Task, workspace: string): Promise<void> {
  const target = fakeSummaryTarget(task);
  if (!target) return;
  // Start from the fixed file: the cheat must fool the check on its own, not fail to compile.
  const source = await readFile(join(task.dir, "solution", target), "utf8").catch(() =>
    readFile(join(workspace, target), "utf8"),
  );
  const count = Math.max(task.check.min_tests, 1) + 10;
  const output = fakeRunnerOutput(task.check.parser, count);
  await writeFile(join(workspace, target), injectFakeSummary(task.language, source, output, count));
}
