import { UsageError } from "../errors.js";
import { createGlobMatcher, isGlob } from "../glob.js";
import type { Task } from "../types.js";

/** Tasks matching the `--task` ids or globs, in bundle order; every pattern must match something. */
export function selectTasks(tasks: readonly Task[], patterns: readonly string[]): Task[] {
  if (patterns.length === 0) return [...tasks];
  for (const pattern of patterns) {
    const matches = createGlobMatcher([pattern]);
    if (!tasks.some((t) => matches(t.id))) {
      const hint = isGlob(pattern) ? "" : suggest(pattern, tasks);
      throw new UsageError(`no task matches --task ${pattern}${hint} (run \`cab list\` to see the tasks)`);
    }
  }
  const matches = createGlobMatcher(patterns);
  return tasks.filter((t) => matches(t.id));
}

function suggest(pattern: string, tasks: readonly Task[]): string {
  const name = pattern.split("/").pop() ?? pattern;
  const near = tasks.find((t) => t.id.endsWith(`/${name}`) || t.id.includes(name));
  return near ? `; did you mean ${near.id}?` : "";
}
