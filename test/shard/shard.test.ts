import { describe, expect, it } from "vitest";
import { CabError } from "../../src/errors.js";
import { cellShardKey, parseShard, selectShard } from "../../src/shard/shard.js";

const KEYS = Array.from({ length: 500 }, (_, i) =>
  cellShardKey({
    tui: ["builtin", "oracle"][i % 2] as string,
    model: `m${i % 7}`,
    taskId: `t/${i}`,
    runIndex: (i % 3) + 1,
  }),
);

describe("parseShard", () => {
  it.each([
    ["1/1", 1, 1],
    ["2/4", 2, 4],
    [" 4/4 ", 4, 4],
  ])("%s is part %i of %i", (text, index, count) => {
    expect(parseShard(text)).toEqual({ index, count, label: `${index}/${count}` });
  });

  it.each([
    ["0/4", /i must be from 1 to 4/],
    ["5/4", /i must be from 1 to 4/],
    ["1/0", /n must be from 1/],
    ["x", /--shard takes i\/n/],
    ["2", /--shard takes i\/n/],
    ["1/2/3", /--shard takes i\/n/],
    ["-1/4", /--shard takes i\/n/],
    ["1.5/4", /--shard takes i\/n/],
  ])("%s is a usage error (exit 2)", (text, message) => {
    let error: unknown;
    try {
      parseShard(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CabError);
    expect((error as CabError).exitCode).toBe(2);
    expect((error as CabError).message).toMatch(message);
    expect((error as CabError).message).toContain(`"${text}"`);
  });
});

describe("selectShard", () => {
  const shardsOf = (n: number, keys: readonly string[] = KEYS) =>
    Array.from({ length: n }, (_, i) => selectShard(keys, (k) => k, parseShard(`${i + 1}/${n}`)));

  it.each([1, 2, 3, 4, 5, 7, 8, 16, 100])(
    "n=%i: shards are disjoint and together hold every key once",
    (n) => {
      const shards = shardsOf(n);
      expect(shards.flat().sort()).toEqual([...KEYS].sort());
    },
  );

  it.each([2, 3, 4, 7, 16])("n=%i: shard sizes differ by at most one", (n) => {
    for (const keys of [KEYS, KEYS.slice(0, 12), KEYS.slice(0, 5)]) {
      const sizes = shardsOf(n, keys).map((shard) => shard.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("depends only on the keys: input order does not change the split, and the caller's order is kept", () => {
    const forward = shardsOf(4);
    const backward = shardsOf(4, [...KEYS].reverse());
    forward.forEach((shard, i) => {
      expect([...(backward[i] as string[])].reverse()).toEqual(shard);
      expect(shard).toEqual(KEYS.filter((key) => shard.includes(key)));
    });
  });

  it("is stable across releases (pinned split of four cells in two shards)", () => {
    const key = cellShardKey({
      tui: "builtin",
      model: "qwen",
      taskId: "polyglot/python-reverse-string",
      runIndex: 1,
    });
    expect(key).toBe("builtin/qwen/polyglot/python-reverse-string#run1");
    const keys = [1, 2, 3, 4].map((run) => `builtin/qwen/polyglot/python-reverse-string#run${run}`);
    expect(shardsOf(2, keys)).toMatchInlineSnapshot(`
      [
        [
          "builtin/qwen/polyglot/python-reverse-string#run2",
          "builtin/qwen/polyglot/python-reverse-string#run3",
        ],
        [
          "builtin/qwen/polyglot/python-reverse-string#run1",
          "builtin/qwen/polyglot/python-reverse-string#run4",
        ],
      ]
    `);
  });

  it("no shard keeps everything, in order", () => {
    expect(selectShard(KEYS, (k) => k, undefined)).toEqual(KEYS);
  });
});
