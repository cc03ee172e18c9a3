import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
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

  const { files, symlinks } = await listEntries(root);
  const taskFiles = files.filter((f) => f.endsWith(`${sep}task.yaml`) || f === "task.yaml");
  if (taskFiles.length === 0) throw new BundleError(`bundle ${root} has no task.yaml files`);

  const tasks = await Promise.all(taskFiles.map((f) => loadTask(root, f, symlinks)));
  const seen = new Set<string>();
  for (const task of tasks) {
    if (seen.has(task.id)) throw new BundleError(`bundle ${root}: task id ${task.id} is declared twice`);
    seen.add(task.id);
  }
  tasks.sort((a, b) => a.id.localeCompare(b.id));
  const digests = digestFiles(root, files, tasks);
  return {
    root,
    digest: digests.bundle,
    tasks: tasks.map((task) => ({ ...task, digest: digests.task(task.id) })),
  };
}

async function loadTask(root: string, relativeFile: string, symlinks: readonly string[]): Promise<Task> {
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
  await refuseLinksOutside(dir, symlinks);
  const { schema: _schema, ...task } = result.task;
  return { ...task, dir };
}

/**
 * A symlink in a task folder must stay inside it, or copying the workspace (and the check that runs in
 * it) would reach the user's files: refused by where it points and, when it resolves, where it lands.
 */
async function refuseLinksOutside(dir: string, symlinks: readonly string[]): Promise<void> {
  const links = symlinks.filter((link) => isWithin(link, dir));
  if (links.length === 0) return;
  const realDir = await realpath(dir);
  for (const link of links) {
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

/**
 * One walk of the bundle: every regular file as a relative path, sorted (build outputs left by a checker
 * excluded), and every symlink as an absolute path (for the containment check, which would otherwise walk
 * each task folder again).
 */
async function listEntries(root: string): Promise<{ files: string[]; symlinks: string[] }> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const symlinks: string[] = [];
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) symlinks.push(path);
    else if (entry.isFile()) {
      const relativePath = relative(root, path);
      if (!relativePath.split(sep).some((part) => BUNDLE_SKIPPED_DIRS.has(part))) files.push(relativePath);
    }
  }
  return { files: files.sort(), symlinks };
}

/**
 * The bundle's digest over every file, and each task's over the files of its folder (paths relative to
 * it), so a cell can name exactly the task it ran even when other tasks of the bundle changed.
 */
function digestFiles(root: string, files: string[], tasks: readonly Task[]) {
  const bundle = createHash("sha256");
  const perTask = new Map(tasks.map((task) => [task.id, createHash("sha256")]));
  // Synchronous reads on purpose: ~270 small files, and each promise-based read costs four thread-pool
  // round trips (open, fstat, read, close) — about 3× the time of the read itself (profiled for `cab list`).
  for (const file of files) {
    const path = file.split(sep).join("/");
    const content = readFileSync(join(root, file));
    bundle.update(path).update("\0").update(content).update("\0");
    const taskId = path.split("/").slice(0, 2).join("/");
    perTask
      .get(taskId)
      ?.update(path.slice(taskId.length + 1))
      .update("\0")
      .update(content)
      .update("\0");
  }
  const taskDigests = new Map([...perTask].map(([id, hash]) => [id, hash.digest("hex")]));
  return { bundle: bundle.digest("hex"), task: (id: string) => taskDigests.get(id) as string };
}
