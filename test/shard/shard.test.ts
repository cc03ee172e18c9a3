import { describe, expect, it } from "vitest";
import { CabError } from "../../src/errors.js";
import { cellShardKey, inShard, parseShard, shardOf } from "../../src/shard/shard.js";

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

describe("shard split", () => {
  it.each([1, 2, 3, 4, 5, 7, 8, 16, 100])(
    "n=%i: shards are disjoint and together cover every key once",
    (n) => {
      const owners = KEYS.map((key) =>
        Array.from({ length: n }, (_, i) => i + 1).filter((i) => inShard(key, parseShard(`${i}/${n}`))),
      );
      for (const list of owners) expect(list).toHaveLength(1);
    },
  );

  it("is stable: a pure function of the key (pinned values)", () => {
    const key = cellShardKey({
      tui: "builtin",
      model: "qwen",
      taskId: "polyglot/python-reverse-string",
      runIndex: 1,
    });
    expect(key).toBe("builtin/qwen/polyglot/python-reverse-string#run1");
    expect(shardOf(key, 4)).toMatchInlineSnapshot(`1`);
    expect(shardOf("builtin/qwen/polyglot/python-reverse-string#run2", 4)).toMatchInlineSnapshot(`4`);
  });

  it("spreads keys over the shards (no shard of 4 gets less than a sixth of 500 keys)", () => {
    const counts = [1, 2, 3, 4].map((i) => KEYS.filter((k) => shardOf(k, 4) === i).length);
    for (const c of counts) expect(c).toBeGreaterThan(500 / 6);
  });

  it("no shard keeps everything", () => {
    expect(KEYS.every((k) => inShard(k, undefined))).toBe(true);
  });
});
