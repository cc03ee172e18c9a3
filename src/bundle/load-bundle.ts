import { createHash } from "node:crypto";
import { readdir, readFile, readlink, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseYAML } from "confbox/yaml";
import { BundleError } from "../errors.js";
import { PACKAGE_ROOT } from "../package-root.js";
import type { Bundle, Task } from "../types.js";
import { MAX_TASK_FILE_BYTES, validateTaskFile } from "./task-schema.js";

/** Build outputs and VCS data: never part of a bundle, its digest or its archive. */
export const BUNDLE_SKIPPED_DIRS = new Set([
  "node_modules",
  "target",
  "__pycache__",
  ".pytest_cache",
  ".git",
]);

/** The catalogue shipped in the package: `tasks/` beside `dist/`. */
export function defaultBundleDir(): string {
  return join(PACKAGE_ROOT, "tasks");
}

/** Read every task.yaml under a bundle folder, validate it, and digest the bundle. */
export async function loadBundle(dir: string = defaultBundleDir()): Promise<Bundle> {
  const root = resolve(dir);
  const info = await stat(root).catch((cause: unknown) => {
    throw new BundleError(`cannot read bundle ${root}: ${(cause as Error).message}`, { cause });
  });
  if (!info.isDirectory()) throw new BundleError(`bundle ${root} is not a folder`);

  const files = await listFiles(root);
  const taskFiles = files.filter((f) => f.endsWith(`${sep}task.yaml`) || f === "task.yaml");
  if (taskFiles.length === 0) throw new BundleError(`bundle ${root} has no task.yaml files`);

  const tasks = await Promise.all(taskFiles.map((f) => loadTask(root, f)));
  const seen = new Set<string>();
  for (const task of tasks) {
    if (seen.has(task.id)) throw new BundleError(`bundle ${root}: task id ${task.id} is declared twice`);
    seen.add(task.id);
  }
  tasks.sort((a, b) => a.id.localeCompare(b.id));
  return { root, digest: await digestFiles(root, files), tasks };
}

async function loadTask(root: string, relativeFile: string): Promise<Task> {
  const file = join(root, relativeFile);
  const { size } = await stat(file);
  if (size > MAX_TASK_FILE_BYTES)
    throw new BundleError(
      `${file}: ${size} bytes, over the ${MAX_TASK_FILE_BYTES}-byte limit for a task.yaml`,
    );
  let parsed: unknown;
  try {
    parsed = parseYAML(await readFile(file, "utf8"));
  } catch (cause) {
    throw new BundleError(`${file}: not valid YAML: ${(cause as Error).message}`, { cause });
  }
  const result = validateTaskFile(parsed);
  if (!result.ok) throw new BundleError(`${file}: invalid task file\n  ${result.problems.join("\n  ")}`);
  const dir = join(file, "..");
  const expectedId = relative(root, dir).split(sep).join("/");
  if (result.task.id !== expectedId) {
    throw new BundleError(`${file}: id: "${result.task.id}" does not match its folder "${expectedId}"`);
  }
  const workspace = await stat(join(dir, "workspace")).catch(() => null);
  if (!workspace?.isDirectory()) throw new BundleError(`${file}: task folder has no workspace/ folder`);
  await refuseLinksOutside(dir);
  const { schema: _schema, ...task } = result.task;
  return { ...task, dir };
}

/**
 * A symlink in a task folder must stay inside it, or copying the workspace (and the check that runs in
 * it) would reach the user's files: refused by where it points and, when it resolves, where it lands.
 */
async function refuseLinksOutside(dir: string): Promise<void> {
  const realDir = await realpath(dir);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isSymbolicLink())) {
    const link = join(entry.parentPath, entry.name);
    const target = await readlink(link);
    const landed = await realpath(link).catch(() => null);
    if (!isWithin(resolve(dirname(link), target), dir) || (landed && !isWithin(landed, realDir))) {
      throw new BundleError(`${link}: symlink to ${target} points outside its task folder ${dir}`);
    }
  }
}

function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Every regular file under root, as relative paths, sorted (build outputs left by a checker excluded). */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .filter((p) => !p.split(sep).some((part) => BUNDLE_SKIPPED_DIRS.has(part)))
    .sort();
}

async function digestFiles(root: string, files: string[]): Promise<string> {
  // Read together, hashed in order: the digest is the same, the wait is not ~270 reads one after another.
  const contents = await Promise.all(files.map((file) => readFile(join(root, file))));
  const hash = createHash("sha256");
  files.forEach((file, i) => {
    hash.update(file.split(sep).join("/"));
    hash.update("\0");
    hash.update(contents[i] as Buffer);
    hash.update("\0");
  });
  return hash.digest("hex");
}
