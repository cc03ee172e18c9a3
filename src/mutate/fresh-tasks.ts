import { mkdir, rm } from "node:fs/promises";
import { loadBundle } from "../bundle/load-bundle.js";
import { BundleError } from "../errors.js";
import type { SandboxMode } from "../exec/sandbox.js";
import type { Bundle, Task } from "../types.js";
import { type GenerateEvent, type GenerateStats, generateTasks } from "./generate-tasks.js";
import { createRandom, deriveSeed, shuffle } from "./prng.js";

export interface FreshTasksOptions {
  seed: number;
  count: number;
  /** Generator-capable tasks whose toolchains are here. */
  seeds: readonly Task[];
  /** The folder the generated bundle is written to; emptied first (it is ours). */
  outDir: string;
  sandbox: SandboxMode;
  signal?: AbortSignal;
  onEvent?: (event: GenerateEvent) => void;
}

/**
 * How many tasks each seed task gives: round-robin over languages (in a seeded order) so N tasks
 * spread across every language present, then over each language's seed tasks. Pure.
 */
export function planFresh(seeds: readonly Task[], count: number, seed: number): Map<Task, number> {
  const byLanguage = new Map<string, Task[]>();
  for (const task of [...seeds].sort((a, b) => a.id.localeCompare(b.id)))
    byLanguage.set(task.language, [...(byLanguage.get(task.language) ?? []), task]);
  const languages = shuffle([...byLanguage.keys()].sort(), createRandom(deriveSeed(seed, "languages")));
  const ordered = new Map(
    languages.map((l) => [l, shuffle(byLanguage.get(l) as Task[], createRandom(deriveSeed(seed, l)))]),
  );
  const quota = new Map<Task, number>();
  for (let i = 0; i < count && languages.length > 0; i++) {
    const tasks = ordered.get(languages[i % languages.length] as string) as Task[];
    const task = tasks[Math.floor(i / languages.length) % tasks.length] as Task;
    quota.set(task, (quota.get(task) ?? 0) + 1);
  }
  return quota;
}

/** Generate `count` fresh mutation tasks into `outDir` and load them as a bundle. */
export async function generateFreshTasks(
  options: FreshTasksOptions,
): Promise<{ bundle: Bundle; stats: GenerateStats[] }> {
  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  const stats: GenerateStats[] = [];
  const plan = [...planFresh(options.seeds, options.count, options.seed)].sort(([a], [b]) =>
    a.id.localeCompare(b.id),
  );
  for (const [task, count] of plan) {
    if (options.signal?.aborted) break;
    const result = await generateTasks(task, { ...options, count });
    stats.push(result.stats);
  }
  if (stats.every((s) => s.kept === 0))
    throw new BundleError(
      `--fresh: no mutant of ${plan.map(([t]) => t.id).join(", ")} survived the filter (seed ${options.seed}); try another --seed`,
    );
  return { bundle: await loadBundle(options.outDir), stats };
}
