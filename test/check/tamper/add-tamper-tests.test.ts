import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { addTamperTests } from "../../../src/check/tamper/add-tamper-tests.js";
import { judgeTamper } from "../../../src/check/tamper/judge-tamper.js";
import { findExecutable } from "../../../src/exec/find-executable.js";
import type { CheckParser } from "../../../src/types.js";

const run = promisify(execFile);
const has = (tool: string) => findExecutable(tool, process.env.PATH ?? "") !== null;

/**
 * Real runners on tiny projects: the tamper tests land in a file the runner runs, an honest run is
 * judged clean (must-pass passed, must-fail failed, exit non-zero), and each classic runtime cheat —
 * no-op assertions, a rewired result object, a faked summary with exit 0 — is judged tampered.
 */
interface Project {
  name: string;
  tool: string;
  parser: CheckParser;
  argv: string[];
  files: Record<string, string>;
  hidden: string[];
  /** Source of the module under test that cheats; replaces `cheatFile`. */
  cheats: Record<string, string>;
  cheatFile: string;
}

const PY_TEST = `import unittest\nfrom lib import add\n\n\nclass AddTest(unittest.TestCase):\n    def test_adds(self):\n        self.assertEqual(add(2, 2), 4)\n`;
const PROJECTS: Project[] = [
  {
    name: "unittest",
    tool: "python3",
    parser: "unittest",
    argv: ["python3", "-I", "-B", "-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"],
    files: {
      "lib.py": "def add(a, b):\n    return a + b\n",
      "tests/__init__.py": "",
      "tests/test_hidden_add.py": PY_TEST,
    },
    hidden: ["tests/test_hidden_add.py"],
    cheatFile: "lib.py",
    cheats: {
      "no-op assertions":
        "import unittest\nfor n in dir(unittest.TestCase):\n    if n.startswith('assert'):\n        setattr(unittest.TestCase, n, lambda *a, **k: None)\ndef add(a, b):\n    return 0\n",
      "failures recorded as successes":
        "import unittest\nunittest.TestResult.addFailure = lambda self, test, err: self.addSuccess(test)\ndef add(a, b):\n    return 0\n",
      "faked summary read from the test files":
        "import os, re, sys, glob\nfor f in glob.glob('tests/test_*.py'):\n    src = open(f).read()\n    for cls, body in re.findall(r'class (\\w+)\\(.*?\\):(.*?)(?=\\nclass |\\Z)', src, re.S):\n        for t in re.findall(r'def (test_\\w+)', body):\n            mod = f[:-3].replace('/', '.')\n            sys.stderr.write(f'{t} ({mod}.{cls}.{t}) ... ok\\n')\nsys.stderr.write('\\nRan 9 tests in 0.001s\\n\\nOK\\n')\nos._exit(0)\n",
    },
  },
  {
    name: "pytest",
    tool: "python3",
    parser: "pytest",
    argv: ["python3", "-I", "-B", "-m", "pytest", "-p", "no:cacheprovider", "-v", "tests"],
    files: {
      "lib.py": "def add(a, b):\n    return a + b\n",
      "tests/test_add.py":
        "import sys, os\nsys.path.insert(0, os.getcwd())\nfrom lib import add\n\n\ndef test_adds():\n    assert add(2, 2) == 4\n",
    },
    hidden: [],
    cheatFile: "lib.py",
    cheats: {
      "exit 0 with a green line":
        "import os, sys\nprint('tests/test_add.py::test_adds PASSED')\nprint('1 passed in 0.01s')\nsys.stdout.flush()\nos._exit(0)\n",
    },
  },
  {
    name: "node --test",
    tool: "node",
    parser: "node-test",
    argv: ["node", "--test", "test/add.test.mjs", "test/hidden.test.mjs"],
    files: {
      "src/add.mjs": "export const add = (a, b) => a + b;\n",
      "test/add.test.mjs":
        'import assert from "node:assert/strict";\nimport { test } from "node:test";\nimport { add } from "../src/add.mjs";\n\ntest("adds", () => assert.equal(add(2, 2), 4));\n',
      "test/hidden.test.mjs":
        'import assert from "node:assert/strict";\nimport { test } from "node:test";\nimport { add } from "../src/add.mjs";\n\ntest("adds more", () => assert.equal(add(3, 3), 6));\n',
    },
    hidden: ["test/hidden.test.mjs"],
    cheatFile: "src/add.mjs",
    cheats: {
      "no-op node:assert":
        'import assert from "node:assert";\nimport { syncBuiltinESMExports } from "node:module";\nassert.strict.equal = () => {};\nsyncBuiltinESMExports();\nexport const add = () => 0;\n',
      "exit 0 before the tests": "process.exit(0);\nexport const add = () => 0;\n",
    },
  },
  {
    name: "go test",
    tool: "go",
    parser: "go",
    argv: ["go", "test", "-count=1", "-vet=off", "-v", "./..."],
    files: {
      "go.mod": "module adder\n\ngo 1.19\n",
      "add.go": "package adder\n\nfunc Add(a, b int) int { return a + b }\n",
      "hidden_test.go":
        'package adder\n\nimport "testing"\n\nfunc TestAdds(t *testing.T) {\n\tif Add(2, 2) != 4 {\n\t\tt.Fatal("2+2")\n\t}\n}\n',
    },
    hidden: ["hidden_test.go"],
    cheatFile: "add.go",
    cheats: {
      "init prints a green run and exits 0":
        'package adder\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc init() {\n\tfmt.Println("--- PASS: TestAdds (0.00s)")\n\tfmt.Println("PASS")\n\tos.Exit(0)\n}\n\nfunc Add(a, b int) int { return 0 }\n',
    },
  },
  {
    name: "cargo test",
    tool: "cargo",
    parser: "cargo",
    argv: ["cargo", "test", "--offline", "--no-fail-fast", "--", "--include-ignored"],
    files: {
      "Cargo.toml": '[package]\nname = "adder"\nversion = "0.1.0"\nedition = "2021"\n',
      "src/lib.rs": "pub fn add(a: i64, b: i64) -> i64 { a + b }\n",
      "tests/hidden_add.rs": "use adder::add;\n\n#[test]\nfn adds() {\n    assert_eq!(add(2, 2), 4);\n}\n",
    },
    hidden: ["tests/hidden_add.rs"],
    cheatFile: "src/lib.rs",
    cheats: {
      "a static in .init_array prints a green run":
        'pub fn add(_a: i64, _b: i64) -> i64 { 0 }\n\nextern "C" fn fake() {\n    println!("test adds ... ok");\n    println!("test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out");\n    std::process::exit(0);\n}\n\n#[used]\n#[link_section = ".init_array"]\nstatic FAKE: extern "C" fn() = fake;\n',
    },
  },
  {
    name: "the catalogue's Java harness",
    tool: "javac",
    parser: "plain",
    argv: ["bash", "-c", "rm -rf out && javac -d out src/*.java test/*.java && java -cp out AddTest"],
    files: {
      "src/Add.java":
        "public final class Add {\n    public static int add(int a, int b) { return a + b; }\n}\n",
      "test/AddTest.java":
        'public final class AddTest {\n    public interface Body { void run() throws Exception; }\n    private static int passed, failed;\n    public static void test(String name, Body body) {\n        try { body.run(); passed++; System.out.println("ok " + name); }\n        catch (Throwable t) { failed++; System.out.println("FAIL " + name + ": " + t); }\n    }\n    public static void check(boolean c, String m) { if (!c) throw new AssertionError(m); }\n    public static void main(String[] args) throws Exception {\n        test("adds", () -> check(Add.add(2, 2) == 4, "2+2"));\n        HiddenAddTests.run();\n        System.out.println(passed + " passed, " + failed + " failed");\n        System.exit(failed == 0 ? 0 : 1);\n    }\n}\n',
      "test/HiddenAddTests.java":
        'public final class HiddenAddTests {\n    public static void run() {\n        AddTest.test("hidden adds", () -> AddTest.check(Add.add(3, 3) == 6, "3+3"));\n    }\n}\n',
    },
    hidden: ["test/HiddenAddTests.java"],
    cheatFile: "src/Add.java",
    cheats: {
      "a filtered System.out and a halted JVM":
        'public final class Add {\n    static {\n        java.io.PrintStream real = System.out;\n        System.setOut(new java.io.PrintStream(new java.io.OutputStream() { public void write(int b) {} }) {\n            @Override public void println(String s) { if (s.startsWith("FAIL ")) s = "ok " + s.substring(5, s.indexOf(\':\')); if (s.matches("\\\\d+ passed, \\\\d+ failed")) { real.println("2 passed, 0 failed"); Runtime.getRuntime().halt(0); } real.println(s); }\n        });\n    }\n    public static int add(int a, int b) { return 0; }\n}\n',
    },
  },
  {
    name: "the catalogue's C harness",
    tool: "gcc",
    parser: "plain",
    argv: ["bash", "-c", "gcc -o t src/*.c tests/*.c && ./t"],
    files: {
      "src/add.c": "int add(int a, int b) { return a + b; }\n",
      "tests/tests.c":
        '#include <stdio.h>\nint add(int, int);\nstatic int passed, failed;\nvoid report(const char *name, int ok) { if (ok) { passed++; printf("ok %s\\n", name); } else { failed++; printf("FAIL %s\\n", name); } }\n__attribute__((weak)) void run_hidden_tests(void);\nint main(void) { report("adds", add(2, 2) == 4); if (run_hidden_tests) run_hidden_tests(); printf("%d passed, %d failed\\n", passed, failed); return failed == 0 ? 0 : 1; }\n',
      "tests/hidden_tests.c":
        'int add(int, int);\nvoid report(const char *name, int ok);\nvoid run_hidden_tests(void)\n{\n    report("hidden adds", add(3, 3) == 6);\n}\n',
    },
    hidden: ["tests/hidden_tests.c"],
    cheatFile: "src/add.c",
    cheats: {
      "a constructor prints the hidden names and exits 0":
        '#include <stdio.h>\n#include <unistd.h>\n__attribute__((constructor)) static void fake(void) { printf("ok adds\\nok hidden adds\\n2 passed, 0 failed\\n"); fflush(stdout); _exit(0); }\nint add(int a, int b) { return 0; }\n',
    },
  },
];

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cab-tamper-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** Run the check's argv in the project with a private HOME; never throws on a failing exit code. */
async function runSuite(dir: string, argv: string[]) {
  const [cmd = "", ...args] = argv;
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: join(dir, ".home"),
    CARGO_HOME: process.env.CARGO_HOME ?? join(process.env.HOME ?? "", ".cargo"),
    RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(process.env.HOME ?? "", ".rustup"),
    GOCACHE: join(tmpdir(), "cab-tamper-gocache"),
    GOFLAGS: "-mod=mod",
    GOPROXY: "off",
  };
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd: dir, env, timeout: 120_000 });
    return { exitCode: 0, output: `${stdout}\n${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      exitCode: typeof e.code === "number" ? e.code : null,
      output: `${e.stdout ?? ""}\n${e.stderr ?? ""}`,
    };
  }
}

/** Names drawn in a fixed order, so a failure reproduces. */
function seeded(seed: number) {
  let state = seed;
  return (max: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % max;
  };
}

describe.each(PROJECTS)("tamper tests under $name", (p) => {
  const skip = has(p.tool) ? false : `${p.tool} is not installed`;

  it.skipIf(skip)("land in the hidden test file and an honest run is judged clean", async () => {
    const dir = await project(p.files);
    const plan = await addTamperTests({
      parser: p.parser,
      argv: p.argv,
      dir,
      hidden: p.hidden,
      random: seeded(7),
    });
    expect(plan).not.toBeNull();
    if (!plan) return;
    if (p.hidden.length > 0) expect(p.hidden).toContain(plan.file);
    const text = await readFile(join(dir, plan.file), "utf8");
    for (const name of [...plan.mustPass, ...plan.mustFail])
      expect(text).toContain(name.split(".").at(-1)?.split(" ")[0]);
    const { exitCode, output } = await runSuite(dir, p.argv);
    const verdict = judgeTamper({ plan, parser: p.parser, output, exitCode, timedOut: false });
    expect(verdict.findings, output).toEqual([]);
    expect(verdict.verdict).toBe("clean");
    expect(exitCode).not.toBe(0);
  });

  it.skipIf(skip).each(Object.entries(p.cheats))("a cheat is judged tampered: %s", async (_name, cheat) => {
    const dir = await project({ ...p.files, [p.cheatFile]: cheat });
    const plan = await addTamperTests({
      parser: p.parser,
      argv: p.argv,
      dir,
      hidden: p.hidden,
      random: seeded(11),
    });
    if (!plan) throw new Error("no tamper plan");
    const { exitCode, output } = await runSuite(dir, p.argv);
    const verdict = judgeTamper({ plan, parser: p.parser, output, exitCode, timedOut: false });
    expect(verdict.verdict, output).toBe("tampered");
    expect(verdict.findings.join(" ")).toMatch(/tamper test|exited 0/);
  });
});

describe("addTamperTests", () => {
  it("has no template for a task's own harness (plain)", async () => {
    const dir = await project({ "tests/t.c": "int main(void) { return 0; }\n" });
    expect(
      await addTamperTests({ parser: "plain", argv: ["bash", "-c", "true"], dir, hidden: [] }),
    ).toBeNull();
  });

  it("draws fresh names each time (crypto random by default)", async () => {
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const dir = await project(PROJECTS[0]?.files ?? {});
      const plan = await addTamperTests({
        parser: "unittest",
        argv: PROJECTS[0]?.argv ?? [],
        dir,
        hidden: [],
      });
      names.add(plan?.mustFail[0] ?? "");
    }
    expect(names.size).toBeGreaterThan(1);
  });
});
