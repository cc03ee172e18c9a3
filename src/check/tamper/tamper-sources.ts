import { camel, type NameWords, snake, spaced } from "./tamper-names.js";

/**
 * The tamper tests' source, per runner: appended to a test file the runner already runs (a hidden one
 * when there is one), so they share its process, imports and assertion style. Both compute a sum and
 * compare it; the must-fail one compares against a wrong total. Where the framework's assertions are
 * functions the code under test could replace at run time, the tests call the ones the file calls most.
 */
export interface TamperSource {
  /** The target file's new text, with the tamper tests in it. */
  text: string;
  /** The names the runner reports them under (matched like `must_pass`: a suffix after a separator). */
  mustPass: string;
  mustFail: string;
}

/** The numbers of one pair: the loop bound and the right and wrong totals. */
export interface TamperNumbers {
  bound: number;
  right: number;
  wrong: number;
}

export interface RenderInput {
  /** The target file's text (for its imports and assertion style). */
  text: string;
  path: string;
  pass: NameWords;
  fail: NameWords;
  numbers: TamperNumbers;
  /** A class name for runners that group tests in classes. */
  group: NameWords;
}

/** unittest: a TestCase subclass using the assertion method the file uses most. */
export function renderUnittest({ text, pass, fail, numbers, group }: RenderInput): TamperSource {
  const method = mostUsed(text, /\bself\.(assert\w+)\(/g) ?? "assertEqual";
  const check = (expected: number) => pythonAssertion(method, "total", String(expected));
  const className = `${camel(group)}Tests`;
  const body = (name: NameWords, expected: number) =>
    [
      `    def test_${snake(name)}(self):`,
      `        total = sum(range(${numbers.bound}))`,
      `        ${check(expected)}`,
    ].join("\n");
  const code = [
    "",
    "",
    "import unittest as _unittest_cases",
    "",
    "",
    `class ${className}(_unittest_cases.TestCase):`,
    body(pass, numbers.right),
    "",
    body(fail, numbers.wrong),
    "",
  ].join("\n");
  return {
    text: text + code,
    mustPass: `${className}.test_${snake(pass)}`,
    mustFail: `${className}.test_${snake(fail)}`,
  };
}

function pythonAssertion(method: string, actual: string, expected: string): string {
  if (/^assert(?:List|Sequence|Count)Equal$/.test(method))
    return `self.${method}([${actual}], [${expected}])`;
  if (method === "assertTupleEqual") return `self.${method}((${actual},), (${expected},))`;
  if (method === "assertTrue") return `self.assertTrue(${actual} == ${expected})`;
  if (method === "assertFalse") return `self.assertFalse(${actual} != ${expected})`;
  if (method === "assertIn") return `self.assertIn(${actual}, [${expected}])`;
  return `self.assertEqual(${actual}, ${expected})`;
}

/** pytest: two plain functions with pytest's rewritten `assert`. */
export function renderPytest({ text, pass, fail, numbers }: RenderInput): TamperSource {
  const body = (name: NameWords, expected: number) =>
    [
      `def test_${snake(name)}():`,
      `    total = sum(range(${numbers.bound}))`,
      `    assert total == ${expected}`,
    ].join("\n");
  const code = ["", "", body(pass, numbers.right), "", "", body(fail, numbers.wrong), ""].join("\n");
  return { text: text + code, mustPass: `test_${snake(pass)}`, mustFail: `test_${snake(fail)}` };
}

/** cargo: two #[test] functions (assert_eq! is a macro: nothing to patch at run time). */
export function renderCargo({ text, pass, fail, numbers }: RenderInput): TamperSource {
  const body = (name: NameWords, expected: number) =>
    [
      "#[test]",
      `fn ${snake(name)}() {`,
      `    let total: u64 = (0..${numbers.bound}u64).sum();`,
      `    assert_eq!(total, ${expected});`,
      "}",
    ].join("\n");
  const code = ["", body(pass, numbers.right), "", body(fail, numbers.wrong), ""].join("\n");
  return { text: text + code, mustPass: snake(pass), mustFail: snake(fail) };
}

/** go test: two Test functions in the file's package; the file must import "testing" as testing. */
export function renderGo({ text, pass, fail, numbers }: RenderInput): TamperSource | null {
  if (!/^\s*(?:import\s+)?"testing"\s*$/m.test(text)) return null;
  const body = (name: NameWords, expected: number) =>
    [
      `func Test${camel(name)}(t *testing.T) {`,
      "\ttotal := 0",
      `\tfor i := 0; i < ${numbers.bound}; i++ {`,
      "\t\ttotal += i",
      "\t}",
      `\tif total != ${expected} {`,
      `\t\tt.Fatalf("total = %d, want %d", total, ${expected})`,
      "\t}",
      "}",
    ].join("\n");
  const code = ["", body(pass, numbers.right), "", body(fail, numbers.wrong), ""].join("\n");
  return { text: text + code, mustPass: `Test${camel(pass)}`, mustFail: `Test${camel(fail)}` };
}

/**
 * node --test: two `test()` calls using the file's own `test` and `assert` bindings when it has them
 * (so a replaced node:assert function shows), else imports of their own.
 */
export function renderNodeTest({ text, path, pass, fail, numbers }: RenderInput): TamperSource {
  const esm = path.endsWith(".mjs") || (!path.endsWith(".cjs") && /^\s*import\s/m.test(text));
  const header: string[] = [];
  let testFn = text.match(/import\s*\{[^}]*\btest(?:\s+as\s+(\w+))?\b[^}]*\}\s*from\s*["']node:test["']/);
  let testName = testFn ? (testFn[1] ?? "test") : null;
  if (!testName) {
    testFn = text.match(/const\s*\{[^}]*\btest(?:\s*:\s*(\w+))?\b[^}]*\}\s*=\s*require\(["']node:test["']\)/);
    testName = testFn ? (testFn[1] ?? "test") : null;
  }
  if (!testName) {
    testName = "testCase_";
    header.push(
      esm
        ? `import { test as ${testName} } from "node:test";`
        : `const { test: ${testName} } = require("node:test");`,
    );
  }
  const assertName =
    text.match(/import\s+(\w+)\s+from\s*["']node:assert(?:\/strict)?["']/)?.[1] ??
    text.match(/const\s+(\w+)\s*=\s*require\(["']node:assert(?:\/strict)?["']\)/)?.[1] ??
    null;
  let assertion = (expected: number) => `assertion_.strictEqual(total, ${expected})`;
  if (assertName) {
    const method = mostUsed(text, new RegExp(`\\b${assertName}\\.(\\w+)\\(`, "g")) ?? "strictEqual";
    assertion = (expected) => jsAssertion(assertName, method, "total", String(expected));
  } else
    header.push(
      esm
        ? 'import assertion_ from "node:assert/strict";'
        : 'const assertion_ = require("node:assert/strict");',
    );
  const body = (name: NameWords, expected: number) =>
    [
      `${testName}(${JSON.stringify(spaced(name))}, () => {`,
      "  let total = 0;",
      `  for (let i = 0; i < ${numbers.bound}; i++) total += i;`,
      `  ${assertion(expected)};`,
      "});",
    ].join("\n");
  const code = ["", ...header, "", body(pass, numbers.right), "", body(fail, numbers.wrong), ""].join("\n");
  return { text: text + code, mustPass: spaced(pass), mustFail: spaced(fail) };
}

/**
 * The catalogue's Java harnesses: a hidden `run()` registering tests with `Harness.test(name, body)`, or
 * `register(Map<String, Runnable> tests)` filling the map, asserting with `Harness.check(cond, message)`. The tamper tests go first in `run()`, through the same
 * harness and its output: a replaced System.out or a halted JVM shows.
 */
export function renderJavaHarness({ text, pass, fail, numbers }: RenderInput): TamperSource | null {
  const harness = text.match(/\b([A-Z]\w*)\.check\(/)?.[1];
  // Either `run()` calling Harness.test(name, body), or `register(Map<String, Runnable> tests)`.
  const runner = text.match(/\b([A-Z]\w*)\.test\(\s*"/)?.[1];
  const run = text.match(/public\s+static\s+void\s+run\s*\(\s*\)\s*\{/);
  const register = text.match(
    /public\s+static\s+void\s+register\s*\(\s*Map<String,\s*Runnable>\s+(\w+)\s*\)\s*\{/,
  );
  const entry = runner && run ? run : register;
  if (!harness || !entry || entry.index === undefined) return null;
  const open = runner && run ? `${runner}.test(` : `${register?.[1]}.put(`;
  const body = (name: NameWords, expected: number) =>
    `        ${open}${JSON.stringify(spaced(name))}, () -> {\n            long total = 0;\n            for (int i = 0; i < ${numbers.bound}; i++) total += i;\n            ${harness}.check(total == ${expected}L, "total " + total);\n        });\n`;
  return {
    text: insertAfter(
      text,
      entry.index + entry[0].length,
      `\n${body(pass, numbers.right)}${body(fail, numbers.wrong)}`,
    ),
    mustPass: spaced(pass),
    mustFail: spaced(fail),
  };
}

/**
 * The catalogue's C/C++ harnesses: a hidden `run_hidden_tests()` that reports with `report(name, ok)`,
 * or runs functions with `run_test(name, fn)` asserting with `CHECK(cond)`. The tamper tests go first.
 */
export function renderCHarness({ text, pass, fail, numbers }: RenderInput): TamperSource | null {
  const run = text.match(/void\s+run_hidden_tests\s*\(\s*(?:void)?\s*\)\s*\{/);
  if (!run || run.index === undefined) return null;
  const sum = `long total = 0; for (int i = 0; i < ${numbers.bound}; i++) total += i;`;
  const at = run.index + run[0].length;
  if (/\breport\s*\(\s*const\s+char\s*\*\s*\w*\s*,/.test(text)) {
    const call = (name: NameWords, expected: number) =>
      `    { ${sum} report(${JSON.stringify(spaced(name))}, total == ${expected}L); }\n`;
    return {
      text: insertAfter(text, at, `\n${call(pass, numbers.right)}${call(fail, numbers.wrong)}`),
      mustPass: spaced(pass),
      mustFail: spaced(fail),
    };
  }
  if (!/\brun_test\s*\(/.test(text) || !/\bCHECK\s*\(/.test(text)) return null;
  const fn = (name: NameWords, expected: number) =>
    `static void ${snake(name)}(void) { ${sum} CHECK(total == ${expected}L); }\n`;
  const call = (name: NameWords) => `    run_test(${JSON.stringify(spaced(name))}, ${snake(name)});\n`;
  const withCalls = insertAfter(text, at, `\n${call(pass)}${call(fail)}`);
  return {
    text: insertAfter(withCalls, run.index, `${fn(pass, numbers.right)}${fn(fail, numbers.wrong)}\n`),
    mustPass: spaced(pass),
    mustFail: spaced(fail),
  };
}

function insertAfter(text: string, at: number, inserted: string): string {
  return text.slice(0, at) + inserted + text.slice(at);
}

function jsAssertion(name: string, method: string, actual: string, expected: string): string {
  if (/^(?:deep|deepStrict)Equal$/.test(method)) return `${name}.${method}([${actual}], [${expected}])`;
  if (method === "ok") return `${name}.ok(${actual} === ${expected})`;
  if (/^(?:equal|strictEqual)$/.test(method)) return `${name}.${method}(${actual}, ${expected})`;
  return `${name}.strictEqual(${actual}, ${expected})`;
}

/** The capture most often matched by `pattern` in `text`, or null. */
function mostUsed(text: string, pattern: RegExp): string | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(pattern)) if (m[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  let best: string | null = null;
  for (const [name, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = name;
  return best;
}
