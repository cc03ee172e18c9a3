import { describe, expect, it } from "vitest";
import { createRandom, deriveSeed, shuffle } from "../../src/mutate/prng.js";

describe("prng", () => {
  it("repeats a sequence for a seed, and differs across seeds", () => {
    const take = (seed: number) => Array.from({ length: 5 }, createRandom(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    for (const x of take(7)) expect(x >= 0 && x < 1).toBe(true);
  });

  it("pins mulberry32's first values, so seeds mean the same on every machine and release", () => {
    const random = createRandom(42);
    expect([random(), random()].map((x) => Math.floor(x * 2 ** 32))).toMatchInlineSnapshot(`
      [
        2581720956,
        1925393290,
      ]
    `);
  });

  it("derives distinct seeds per label and shuffles repeatably", () => {
    expect(deriveSeed(42, "a")).toBe(deriveSeed(42, "a"));
    expect(deriveSeed(42, "a")).not.toBe(deriveSeed(42, "b"));
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const once = shuffle(items, createRandom(9));
    expect(shuffle(items, createRandom(9))).toEqual(once);
    expect([...once].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
