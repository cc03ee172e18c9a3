import { lstatSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { IntegrityEvidence } from "../../types.js";

/**
 * Without bwrap the check's folder has real parents, and toolchains search them: cargo reads
 * `../.cargo/config.toml` (a `runner` there replaces the test binary), rustup `../rust-toolchain.toml`
 * and its per-folder overrides, go `../go.work`, node `../node_modules`, pytest `../conftest.py`. Under
 * bwrap the parents are empty folders of the sandbox. This snapshot, taken before the agent runs and
 * again before the check, tells whether the agent planted any of them.
 */
const SEARCHED_NAMES = [
  ".cargo",
  "rust-toolchain",
  "rust-toolchain.toml",
  "go.work",
  "go.mod",
  ".npmrc",
  "node_modules",
  "package.json",
  "pyvenv.cfg",
  "conftest.py",
  "pytest.ini",
  "tox.ini",
  "setup.cfg",
  "pyproject.toml",
  "sitecustomize.py",
];

/** Path → a cheap fingerprint (type, size, mtime, inode) of every searched file that exists. */
export type OutsideConfigSnapshot = Map<string, string>;

/** The folders the check's toolchains search outside its clean room, and rustup's own overrides. */
function searchedPaths(): string[] {
  const paths: string[] = [];
  for (let dir = tmpdir(); ; dir = dirname(dir)) {
    for (const name of SEARCHED_NAMES) paths.push(join(dir, name));
    if (dirname(dir) === dir) break;
  }
  const rustupHome = process.env.RUSTUP_HOME ?? join(homedir(), ".rustup");
  paths.push(join(rustupHome, "settings.toml"));
  return paths;
}

/** Fingerprint what the check's toolchains would find outside the clean room; a few lstat calls. */
export function snapshotOutsideConfig(): OutsideConfigSnapshot {
  const snapshot: OutsideConfigSnapshot = new Map();
  for (const path of searchedPaths()) {
    try {
      const info = lstatSync(path);
      snapshot.set(path, `${info.mode}:${info.size}:${info.mtimeMs}:${info.ino}`);
    } catch {
      // absent: nothing for a toolchain to find
    }
  }
  return snapshot;
}

/** Evidence for every searched file that appeared or changed between the two snapshots. */
export function compareOutsideConfig(
  before: OutsideConfigSnapshot,
  after: OutsideConfigSnapshot,
): IntegrityEvidence[] {
  const evidence: IntegrityEvidence[] = [];
  for (const [path, fingerprint] of after) {
    const was = before.get(path);
    if (was === fingerprint) continue;
    evidence.push({
      kind: "outside_config",
      path,
      detail: `${path} ${was === undefined ? "appeared" : "changed"} outside the workspace while the agent ran; the check's toolchain would read it`,
    });
  }
  return evidence;
}
