import type { CellResult } from "../types.js";
import type { RunDir } from "./read-run-dir.js";

/**
 * What makes cells incomparable: more than one methodology version, or more than one version of
 * the same task (or one version with different files, when the cells recorded them). One line per problem, naming the versions and where they came from.
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
    if (byVersion.size > 1) {
      const parts = [...byVersion].map(([v, g]) => `${v} (${g.length} cell(s) from ${where(g)})`);
      problems.push(`task ${task} versions differ: ${parts.join(" vs ")}`);
      continue;
    }
    // Same version, different files: an edited task that kept its version number.
    const byFiles = groupBy(
      group.filter((c) => c.run_identity.task_digest),
      (c) => (c.run_identity.task_digest as string).slice(0, 12),
    );
    if (byFiles.size > 1) {
      const parts = [...byFiles].map(([d, g]) => `files ${d} (${g.length} cell(s) from ${where(g)})`);
      problems.push(
        `task ${task} ${group[0]?.run_identity.task_version} differs in content: ${parts.join(" vs ")}`,
      );
    }
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
