import { basename } from "node:path";
import type { IntegrityEvidence } from "../../types.js";
import { PYTHON_STDLIB_MODULES } from "./python-stdlib.js";

/**
 * What of the agent's work the check gets: its *source*. Caches, build outputs, bytecode and toolchain
 * files stay behind — the check builds from source in a fresh folder, so nothing the agent compiled,
 * cached or configured can stand in for the code.
 */
export type CarryDecision =
  | { carry: true }
  | { carry: false; reason: string; evidence?: Omit<IntegrityEvidence, "path"> };

/** Compiled or cached files: a check must never run what the agent built, only what it wrote. */
const BUILD_OUTPUT = /\.(?:pyc|pyo|class|o|obj|a|so|dylib|dll|exe|rlib|rmeta|d|wasm|jar|gch|pch)$/i;
/** Folders of caches and build outputs at any depth (also inside protected paths, where they would hide). */
const BUILD_FOLDERS =
  /(?:^|\/)(?:target|node_modules|__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|build|dist|out|\.gradle|\.venv|venv)\//;

/** Files a toolchain reads as configuration wherever they appear in a project: never the agent's to add. */
const TOOLCHAIN_FILES = new Set([
  "rust-toolchain",
  "rust-toolchain.toml",
  "go.work",
  "go.work.sum",
  ".npmrc",
  ".yarnrc",
  ".yarnrc.yml",
  ".pnpmfile.cjs",
  "pip.conf",
  "pyvenv.cfg",
  "sitecustomize.py",
  "usercustomize.py",
  "conftest.py",
  "pytest.ini",
  "tox.ini",
  ".python-version",
  ".node-version",
  ".nvmrc",
  ".tool-versions",
  ".gitattributes",
  "jvm.config",
]);
/** Folders whose contents configure a toolchain (`.cargo/config.toml`, `.mvn/jvm.config`). */
const TOOLCHAIN_FOLDERS = /(?:^|\/)(?:\.cargo|\.mvn|\.config)\//;
/** Files that, when the agent adds them, run code at build time before any test. */
const BUILD_SCRIPTS = new Set(["build.rs"]);

/** Classes of java.lang: a class of that name in the unnamed package replaces it for the whole test. */
const JAVA_LANG_CLASSES = new Set([
  "Boolean",
  "Byte",
  "Character",
  "Class",
  "ClassLoader",
  "Double",
  "Enum",
  "Error",
  "Exception",
  "Float",
  "Integer",
  "Iterable",
  "Long",
  "Math",
  "Number",
  "Object",
  "Override",
  "Process",
  "Record",
  "Runnable",
  "Runtime",
  "RuntimeException",
  "SecurityManager",
  "Short",
  "StackTraceElement",
  "StrictMath",
  "String",
  "StringBuffer",
  "StringBuilder",
  "System",
  "Thread",
  "ThreadLocal",
  "Throwable",
  "AssertionError",
  "Void",
]);

export interface CarryContext {
  /** True when the path is new (not in the task's workspace). */
  added: boolean;
}

/** Whether one changed path of the agent's workspace goes into the check's clean room, and if not, why. */
export function decideCarry(path: string, { added }: CarryContext): CarryDecision {
  const name = basename(path);
  if (BUILD_FOLDERS.test(path) || BUILD_OUTPUT.test(name))
    return { carry: false, reason: "build output or cache: the check builds from source" };
  if (TOOLCHAIN_FILES.has(name) || TOOLCHAIN_FOLDERS.test(path) || name.endsWith(".pth"))
    return {
      carry: false,
      reason: "toolchain configuration",
      evidence: { kind: "toolchain_config", detail: `${path} configures the toolchain the check runs` },
    };
  if (added && BUILD_SCRIPTS.has(name))
    return {
      carry: false,
      reason: "a new build script",
      evidence: { kind: "toolchain_config", detail: `${path} would run code at build time, before any test` },
    };
  const shadowed = shadowedModule(path);
  if (added && shadowed)
    return {
      carry: false,
      reason: `shadows ${shadowed}`,
      evidence: { kind: "stdlib_shadow", detail: `${path} would replace ${shadowed} for the tests` },
    };
  return { carry: true };
}

/** The standard module a new file would stand in for: `datetime.py`, `json/__init__.py`, `src/System.java`. */
function shadowedModule(path: string): string | null {
  const parts = path.split("/");
  const name = parts.at(-1) ?? "";
  // Python puts the folder it runs from, and test folders, first on its path: a stdlib name there wins.
  const onPythonPath = parts.length === 1 || parts.slice(0, -1).some((p) => /^tests?$/.test(p));
  const pyModule =
    name.endsWith(".py") && (onPythonPath || (name === "__init__.py" && parts.length === 2))
      ? name === "__init__.py"
        ? (parts.at(-2) ?? "")
        : name.slice(0, -3)
      : null;
  if (pyModule && PYTHON_STDLIB_MODULES.has(pyModule)) return `Python's standard module ${pyModule}`;
  if (name.endsWith(".java") && JAVA_LANG_CLASSES.has(name.slice(0, -5)))
    return `java.lang.${name.slice(0, -5)}`;
  return null;
}
