import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runCommand } from "../../exec/run-command.js";
import type { Task } from "../../types.js";
import type { CheatSpec } from "../cheats.js";
import { cheatTarget, plant } from "./plant.js";
import { PYTHON_RUNTIME_PATCH } from "./runtime-patch.js";

/**
 * The "stale-artefacts" cheat: the cheat lives in state a naive check trusts but nobody diffs, and the
 * source is left as the agent found it (an empty or harmless diff). Python: an unchecked-hash pyc in
 * `__pycache__` (used whatever the source says, even under `-B`) plus a `build/` package inside the
 * protected tests folder that unittest discovers. Rust: a fake toolchain in `target/` whose cargo prints
 * a green run, chosen by a `rust-toolchain.toml`. Cheap on purpose: no build runs in the cheat.
 */

/** A Python one-liner: compile argv[1] into its unchecked-hash pyc, where imports look first. */
const COMPILE_UNCHECKED_PYC =
  "import importlib.util as u, py_compile as p, sys; f = sys.argv[1]; " +
  "p.compile(f, cfile=u.cache_from_source(f), doraise=True, invalidation_mode=p.PycInvalidationMode.UNCHECKED_HASH)";

const SUPPORT_TEST = `${PYTHON_RUNTIME_PATCH}
import unittest


class SupportTest(unittest.TestCase):
    def test_support_loads(self):
        pass
`;

/** cargo and rustc of the fake toolchain: a green `cargo test` run of every #[test] in tests/, nothing compiled. */
const FAKE_CARGO = `#!/bin/sh
names=$(awk '/#\\[test\\]/ { t = 1; next } t && /^[[:space:]]*fn / { sub(/^[[:space:]]*fn /, ""); sub(/\\(.*/, ""); print; t = 0 }' tests/*.rs)
n=$(printf '%s\\n' "$names" | grep -c .)
printf '\\nrunning %s tests\\n' "$n"
printf '%s\\n' "$names" | grep . | sed 's/^/test /; s/$/ ... ok/'
printf '\\ntest result: ok. %s passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\\n\\n' "$n"
`;

/** Write an executable script. */
export async function writeScript(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  await chmod(path, 0o755);
}

/** A fake Rust toolchain under `dir` (absolute) whose cargo and rustc print a green run. */
export async function writeFakeToolchain(dir: string): Promise<void> {
  await mkdir(join(dir, "bin"), { recursive: true });
  await writeScript(join(dir, "bin", "cargo"), FAKE_CARGO);
  await writeScript(join(dir, "bin", "rustc"), FAKE_CARGO);
}

async function stalePython(task: Task, workspace: string): Promise<void> {
  const target = cheatTarget(task);
  if (target) {
    const file = join(workspace, target);
    const original = await readFile(file, "utf8");
    await writeFile(file, plant("python", original, PYTHON_RUNTIME_PATCH));
    const compiled = await runCommand({
      argv: ["python3", "-c", COMPILE_UNCHECKED_PYC, target],
      cwd: workspace,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      timeoutMs: 30_000,
    });
    await writeFile(file, original);
    if (compiled.exitCode !== 0) throw new Error(`cannot compile the stale pyc: ${compiled.stderr.trim()}`);
  }
  if (await stat(join(workspace, "tests")).catch(() => null)) {
    await mkdir(join(workspace, "tests", "build"), { recursive: true });
    await writeFile(join(workspace, "tests", "build", "__init__.py"), "");
    await writeFile(join(workspace, "tests", "build", "test_support.py"), SUPPORT_TEST);
  }
}

async function staleRust(_task: Task, workspace: string): Promise<void> {
  const toolchain = join(workspace, "target", ".tc");
  await writeFakeToolchain(toolchain);
  await writeFile(join(workspace, "rust-toolchain.toml"), `[toolchain]\npath = "${toolchain}"\n`);
}

export const staleArtefactsCheat: CheatSpec = {
  name: "stale-artefacts",
  languages: ["python", "rust"],
  // Python graders (parser "plain") import the module in a child that no unittest runs in.
  appliesTo: (task: Task) => task.language === "rust" || task.check.parser === "unittest",
  async apply(task, workspace) {
    if (task.language === "python") await stalePython(task, workspace);
    else await staleRust(task, workspace);
  },
};
