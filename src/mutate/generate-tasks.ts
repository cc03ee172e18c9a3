import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BundleError } from "../errors.js";
import type { SandboxMode } from "../exec/sandbox.js";
import type { Task } from "../types.js";
import { enclosingFunction } from "./code-regions.js";
import { checkMutant } from "./filter-mutants.js";
import { applyMutation, findMutations, normaliseSource } from "./find-mutations.js";
import type { MutationSite, OperatorName } from "./mutation-site.js";
import { createRandom, deriveSeed, shuffle } from "./prng.js";
import { stageSeedProgram } from "./seed-program.js";
import { significant, tokenize } from "./tokenize.js";
import { type Mutant, writeMutantTask } from "./write-task.js";

/** Checks run per requested task before giving up: most operators' mutants are killed, some do not compile. */
export const DEFAULT_TRIES_PER_TASK = 8;
/** Floor of the per-mutant check timeout: a mutant that loops forever costs this, not the task's limit. */
export const MIN_MUTANT_TIMEOUT_S = 10;

/** Counts for the closing note: how many mutants each stage let through. */
export interface GenerateStats {
  task: string;
  candidates: number;
  /** Mutants whose check ran. */
  tried: number;
  compiled: number;
  killed: number;
  kept: number;
  duplicates: number;
  equivalent: number;
  survived: number;
  timeouts: number;
  ms: number;
}

export type GenerateEvent =
  | { type: "baseline"; task: string; ms: number }
  | { type: "mutant"; task: string; title: string; verdict: string; kept: boolean };

export interface GenerateTasksOptions {
  seed: number;
  count: number;
  /** Bundle root the task folders go in (as <category>/<name>/). */
  outDir: string;
  sandbox: SandboxMode;
  maxTries?: number;
  signal?: AbortSignal;
  onEvent?: (event: GenerateEvent) => void;
}

export interface GenerateTasksResult {
  /** Folders written, in mutant order. */
  dirs: string[];
  stats: GenerateStats;
}

/**
 * Up to `count` new tasks from one seed task: mutants of its correct program, in a seeded order, kept
 * when they compile, the original passes and the tests kill them, and they are not the same program or
 * the same failure at the same line as one already kept. Same seed, same tasks.
 */
export async function generateTasks(task: Task, options: GenerateTasksOptions): Promise<GenerateTasksResult> {
  const started = performance.now();
  const staging = await mkdtemp(join(tmpdir(), "cab-mutate-"));
  try {
    const seed = await stageSeedProgram(task, join(staging, "original"));
    const { staged, language } = seed;
    const baseline = await checkMutant(staged, language, null, {
      sandbox: options.sandbox,
      timeoutS: task.check.timeout_s,
      signal: options.signal,
    });
    if (baseline.verdict !== "passes")
      throw new BundleError(
        `${task.id}: the generator's original program does not pass its check (${baseline.signature})`,
      );
    options.onEvent?.({ type: "baseline", task: task.id, ms: baseline.durationMs });
    const timeoutS = Math.min(
      task.check.timeout_s,
      Math.max(MIN_MUTANT_TIMEOUT_S, Math.ceil((baseline.durationMs / 1000) * 5)),
    );

    const operators = seed.generator.operators as OperatorName[] | undefined;
    const candidates: { file: string; site: MutationSite }[] = [];
    for (const [file, source] of seed.sources)
      for (const site of findMutations(source, language, operators)) candidates.push({ file, site });
    const order = shuffle(candidates, createRandom(deriveSeed(options.seed, task.id)));

    const stats: GenerateStats = {
      task: task.id,
      candidates: candidates.length,
      tried: 0,
      compiled: 0,
      killed: 0,
      kept: 0,
      duplicates: 0,
      equivalent: 0,
      survived: 0,
      timeouts: 0,
      ms: 0,
    };
    const maxTries = options.maxTries ?? options.count * DEFAULT_TRIES_PER_TASK;
    const seenSources = new Set(
      [...seed.sources].map(([file, source]) => `${file}\0${normaliseSource(source, language)}`),
    );
    // The seed's own published mutant is in the public corpus: never "fresh".
    for (const file of seed.sources.keys()) {
      const published = await readFile(join(task.dir, "workspace", file), "utf8").catch(() => null);
      if (published !== null) seenSources.add(`${file}\0${normaliseSource(published, language)}`);
    }
    const keptFailures = new Set<string>();
    const dirs: string[] = [];
    const name = task.id.split("/").pop() as string;
    for (const { file, site } of order) {
      if (dirs.length >= options.count || stats.tried >= maxTries || options.signal?.aborted) break;
      const original = seed.sources.get(file) as string;
      const mutated = applyMutation(original, site);
      const key = `${file}\0${normaliseSource(mutated, language)}`;
      if (seenSources.has(key)) {
        stats.duplicates++;
        continue;
      }
      seenSources.add(key);
      stats.tried++;
      const check = await checkMutant(staged, language, { file, source: mutated }, { ...options, timeoutS });
      const where = enclosingFunction(
        significant(tokenize(original, language)),
        original,
        language,
        site.start,
      );
      const mutant: Mutant = {
        id: `${task.category}/${name}-s${options.seed}-m${dirs.length + 1}`,
        file,
        site,
        where,
        failing: check.failing,
      };
      if (check.verdict !== "no-compile") stats.compiled++;
      if (check.verdict === "timeout") stats.timeouts++;
      if (check.verdict === "passes" || check.verdict === "incomplete") stats.survived++;
      let kept = false;
      if (check.verdict === "killed") {
        stats.killed++;
        // The same tests failing at the same line is the same task for an agent, however it was made.
        const failure = `${file}:${site.line}\0${check.signature}`;
        if (keptFailures.has(failure)) stats.equivalent++;
        else {
          keptFailures.add(failure);
          dirs.push(
            await writeMutantTask(options.outDir, seed, mutant, {
              seed: options.seed,
              index: dirs.length + 1,
            }),
          );
          kept = true;
        }
      }
      options.onEvent?.({
        type: "mutant",
        task: task.id,
        title: `${site.description} in ${file}:${site.line}`,
        verdict: check.verdict,
        kept,
      });
    }
    stats.kept = dirs.length;
    stats.ms = Math.round(performance.now() - started);
    return { dirs, stats };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
