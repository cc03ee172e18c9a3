import { createHash } from "node:crypto";
import { UsageError } from "../errors.js";

/** One part of a split: `index` of `count`, 1-based, as typed on the command line ("2/4"). */
export interface Shard {
  index: number;
  count: number;
  /** "2/4": what run identities record. */
  label: string;
}

/** More parts than this is a typo, not a CI matrix. */
const MAX_SHARDS = 1000;

/** Parse `--shard i/n`; anything but 1 ≤ i ≤ n is a UsageError that says what was expected. */
export function parseShard(text: string): Shard {
  const match = text.trim().match(/^(\d+)\/(\d+)$/);
  const expected = `--shard takes i/n with 1 ≤ i ≤ n (e.g. --shard 2/4), got "${text}"`;
  if (!match) throw new UsageError(expected);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) throw new UsageError(`${expected}: n must be from 1 to ${MAX_SHARDS}`);
  if (index < 1 || index > count) throw new UsageError(`${expected}: i must be from 1 to ${count}`);
  return { index, count, label: `${index}/${count}` };
}

/**
 * The items of one shard. Items are ordered by the sha256 of their key (ties by the key) and dealt out
 * like cards, so shard sizes differ by at most one and each shard gets a spread of tasks and models.
 * It depends only on the keys: every job of a CI matrix, given the same command, computes the same split
 * without talking to the others. No shard keeps everything.
 */
export function selectShard<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  shard: Shard | undefined,
): T[] {
  if (!shard) return [...items];
  const ranked = items
    .map((item) => ({ item, key: keyOf(item), hash: sha256(keyOf(item)) }))
    .sort((a, b) => compare(a.hash, b.hash) || compare(a.key, b.key));
  const owned = new Set(
    ranked.filter((_, rank) => rank % shard.count === shard.index - 1).map((r) => r.item),
  );
  // The caller's order is kept (tasks, then runs): only membership comes from the ranking.
  return items.filter((item) => owned.has(item));
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A cell's shard key: its identity without the date, so shards computed on different days (a
 * re-run of one failed matrix job after midnight) still agree on which cells they own.
 */
export function cellShardKey(cell: { tui: string; model: string; taskId: string; runIndex: number }): string {
  return `${cell.tui}/${cell.model}/${cell.taskId}#run${cell.runIndex}`;
}
