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
 * The shard (1-based) a key belongs to among `count`: sha256 of the key, first 48 bits, modulo count.
 * A pure function of the key, so every job of a CI matrix computes the same split without talking.
 */
export function shardOf(key: string, count: number): number {
  const digest = createHash("sha256").update(key).digest();
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** Whether a key falls in this shard; no shard keeps everything. */
export function inShard(key: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(key, shard.count) === shard.index;
}

/**
 * A cell's shard key: its identity without the date, so shards computed on different days (a
 * re-run of one failed matrix job after midnight) still agree on which cells they own.
 */
export function cellShardKey(cell: { tui: string; model: string; taskId: string; runIndex: number }): string {
  return `${cell.tui}/${cell.model}/${cell.taskId}#run${cell.runIndex}`;
}
