import type { CellResult } from "../types.js";
import type { RunDir } from "./read-run-dir.js";

/**
 * What makes cells incomparable: more than one methodology version, or more than one version of
 * the same task. One line per problem, naming the versions and where they came from.
 */
export function describeMixing(
  cells: readonly CellResult[],
  origin: ReadonlyMap<string, { dir: string }>,
): string[] {
  const problems: string[] = [];
  const where = (group: readonly CellResult[]) =>
    [...new Set(group.map((c) => origin.get(c.run_identity.cell_id)?.dir ?? "?"))].join(", ");
  const byMethodology = groupBy(cells, (c) => c.methodology_version);
  if (byMethodology.size > 1) {
    const parts = [...byMethodology].map(
      ([v, group]) => `${v} (${group.length} cell(s) from ${where(group)})`,
    );
    problems.push(`methodology versions differ: ${parts.join(" vs ")}`);
  }
  for (const [task, group] of groupBy(cells, (c) => c.run_identity.task_id)) {
    const byVersion = groupBy(group, (c) => c.run_identity.task_version);
    if (byVersion.size < 2) continue;
    const parts = [...byVersion].map(([v, g]) => `${v} (${g.length} cell(s) from ${where(g)})`);
    problems.push(`task ${task} versions differ: ${parts.join(" vs ")}`);
  }
  return problems;
}

/** For each shard count seen (`i/n`), the parts not among the folders: the merge does not cover every cell. */
export function missingShards(sources: readonly RunDir[]): string[] {
  const seen = new Map<number, Set<number>>();
  for (const { document } of sources) {
    const [i, n] = (document.run.shard ?? "").split("/").map(Number);
    if (!i || !n) continue;
    const set = seen.get(n) ?? new Set<number>();
    set.add(i);
    seen.set(n, set);
  }
  const notes: string[] = [];
  for (const [n, present] of seen) {
    const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !present.has(i));
    if (missing.length > 0)
      notes.push(
        `shard(s) ${missing.map((i) => `${i}/${n}`).join(", ")} missing: this merge does not cover every cell`,
      );
  }
  return notes;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}
