import { cp, mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { BUNDLE_SKIPPED_DIRS } from "../bundle/load-bundle.js";
import { BundleError } from "../errors.js";
import { createGlobMatcher } from "../glob.js";
import type { Task, TaskGenerator } from "../types.js";
import { type MutateLanguage, mutateLanguage } from "./languages.js";

/** Paths that hold tests in the languages we mutate: never a mutation target. */
const TEST_FILE =
  /(^|\/)(tests?|__tests__)\/|_test\.go$|(^|\/)test_[^/]*\.py$|_test\.py$|\.(test|spec)\.[cm]?[jt]s$/;

/** A seed task's correct program, staged as a task folder whose workspace/ passes the check. */
export interface SeedProgram {
  task: Task;
  generator: TaskGenerator;
  language: MutateLanguage;
  /** The staged task: workspace/ = the correct program, hidden/ = the seed's held-out tests. */
  staged: Task;
  /** Original text of each generator file, by workspace-relative path. */
  sources: Map<string, string>;
}

/** Copy a task folder's subfolder, leaving build outputs behind. */
export async function copyTree(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    force: true,
    filter: (source) =>
      !source
        .slice(from.length)
        .split("/")
        .some((p) => BUNDLE_SKIPPED_DIRS.has(p)),
  });
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Check a task can seed mutants and stage its correct program under `stagingDir`. */
export async function stageSeedProgram(task: Task, stagingDir: string): Promise<SeedProgram> {
  const generator = task.generator;
  if (!generator)
    throw new BundleError(`${task.id} has no generator: in its task.yaml, so it cannot seed mutants`);
  const language = mutateLanguage(task.language);
  if (!language)
    throw new BundleError(
      `${task.id}: cannot mutate ${task.language} (supported: rust, python, javascript, go)`,
    );
  const isProtected = createGlobMatcher(task.protected);
  for (const file of generator.files) {
    if (isProtected(file) || TEST_FILE.test(file))
      throw new BundleError(
        `${task.id}: generator.files: ${file} is a test or protected file; mutate the code under test`,
      );
  }
  const workspace = join(stagingDir, "workspace");
  await mkdir(stagingDir, { recursive: true });
  await copyTree(join(task.dir, "workspace"), workspace);
  if (generator.source === "solution") {
    if (!(await exists(join(task.dir, "solution"))))
      throw new BundleError(`${task.id}: generator.source is solution, but the task has no solution/ folder`);
    await copyTree(join(task.dir, "solution"), workspace);
  }
  if (await exists(join(task.dir, "hidden")))
    await copyTree(join(task.dir, "hidden"), join(stagingDir, "hidden"));
  const sources = new Map<string, string>();
  for (const file of [...generator.files].sort()) {
    const text = await readFile(join(workspace, file), "utf8").catch(() => null);
    if (text === null)
      throw new BundleError(`${task.id}: generator.files: ${file} is not in the ${generator.source}`);
    sources.set(file, text);
  }
  return { task, generator, language, staged: { ...task, dir: stagingDir }, sources };
}
