import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { missingToolchain } from "../bundle/probe-toolchain.js";
import { selectTasks } from "../bundle/select-tasks.js";
import { ConfigError, UsageError } from "../errors.js";
import { resolveSandbox, type SandboxChoice } from "../exec/sandbox.js";
import { generateFreshTasks } from "../mutate/fresh-tasks.js";
import { MAX_SEED } from "../mutate/prng.js";
import type { Bundle } from "../types.js";
import { onInterrupt } from "./interrupt.js";
import type { CliIO } from "./io.js";
import { integerFlag, type ParsedFlags } from "./parse-flags.js";

/** Most fresh tasks one run may ask for: each costs a few checks to generate before any cell runs. */
export const MAX_FRESH_TASKS = 50;
/** Under --out, the generated tasks are kept here (a bundle: `cab validate --bundle DIR/fresh-tasks`). */
export const FRESH_TASKS_DIR = "fresh-tasks";

export interface FreshRequest {
  count: number;
  seed: number;
}

/** `--fresh N [--seed S]`, checked; null without --fresh. The default seed is random (and printed). */
export function freshFlags(flags: ParsedFlags, demo: boolean): FreshRequest | null {
  const seed = integerFlag("seed", flags.seed as string | undefined, 0, MAX_SEED);
  if (flags.fresh === undefined) {
    if (seed !== undefined)
      throw new UsageError("--seed goes with --fresh N (the seed of the generated tasks)");
    return null;
  }
  if (demo) throw new UsageError("--demo runs its own scripted task; drop --fresh");
  const count = integerFlag("fresh", flags.fresh as string, 1, MAX_FRESH_TASKS) as number;
  return { count, seed: seed ?? randomInt(0, MAX_SEED) };
}

/** The run's generated tasks as a bundle, and how to remove them (a temp folder; kept under --out). */
export interface FreshRun {
  bundle: Bundle & { source: string };
  cleanup(): Promise<void>;
}

interface FreshRunOptions {
  sandbox: SandboxChoice;
  out: string | undefined;
  io: CliIO;
}

/**
 * Generate the run's fresh tasks, stopping cleanly on Ctrl-C: generating runs real checks (a Go mutant
 * that loops waits out its timeout), so an interrupt stops it, removes what it made and says so.
 */
export async function prepareFreshRun(
  request: FreshRequest,
  source: Bundle & { source: string },
  patterns: readonly string[],
  options: FreshRunOptions,
): Promise<FreshRun | "interrupted"> {
  const generation = new AbortController();
  const stopListening = onInterrupt(() => {
    options.io.err("interrupted: stopping the task generation");
    generation.abort();
  });
  try {
    const run = await generateFresh(request, source, patterns, { ...options, signal: generation.signal });
    if (!generation.signal.aborted) return run;
    await run.cleanup();
    return "interrupted";
  } catch (error) {
    // Stopped part-way, it may have nothing to load: that is the interruption, not an error.
    if (generation.signal.aborted) return "interrupted";
    throw error;
  } finally {
    stopListening();
  }
}

/**
 * Generate the run's fresh tasks from the bundle's generator tasks (those `--task` picks, if given, whose
 * toolchain is here), into a temp folder removed by `cleanup`, or kept under `--out`.
 */
async function generateFresh(
  request: FreshRequest,
  source: Bundle & { source: string },
  patterns: readonly string[],
  options: FreshRunOptions & { signal: AbortSignal },
): Promise<FreshRun> {
  const seeds = selectTasks(source.tasks, patterns).filter((t) => t.generator);
  if (seeds.length === 0)
    throw new UsageError(
      `--fresh: no task${patterns.length ? ` matching ${patterns.join(", ")}` : ""} has a generator: to make tasks from`,
    );
  const runnable = [];
  for (const task of seeds) if ((await missingToolchain(task.requires)).length === 0) runnable.push(task);
  if (runnable.length === 0)
    throw new ConfigError(
      `--fresh: no generator task can run here (missing toolchains for ${seeds.map((t) => t.id).join(", ")})`,
    );
  const languages = [...new Set(runnable.map((t) => t.language))].sort().join(", ");
  const { io } = options;
  io.err(
    `fresh: seed ${request.seed}, ${request.count} task(s) from ${languages} (repeat with --fresh ${request.count} --seed ${request.seed})`,
  );
  const dir = options.out
    ? join(resolve(options.out), FRESH_TASKS_DIR)
    : await mkdtemp(join(tmpdir(), "cab-fresh-"));
  const cleanup = async () => {
    if (!options.out) await rm(dir, { recursive: true, force: true });
  };
  try {
    const { bundle, stats } = await generateFreshTasks({
      ...request,
      seeds: runnable,
      outDir: dir,
      sandbox: (await resolveSandbox(options.sandbox)).mode,
      signal: options.signal,
    });
    for (const s of stats)
      io.err(
        `fresh: ${s.task}: ${s.kept} kept of ${s.tried} tried (${s.compiled} compiled, ${s.killed} killed) in ${(s.ms / 1000).toFixed(1)} s`,
      );
    if (bundle.tasks.length < request.count)
      io.err(
        `fresh: ${bundle.tasks.length} of ${request.count} task(s) generated; try another --seed for more`,
      );
    if (options.out) io.err(`fresh: tasks kept in ${dir}`);
    return { bundle: { ...bundle, source: `fresh (seed ${request.seed}) from ${source.source}` }, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
