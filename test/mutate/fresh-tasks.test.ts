import { describe, expect, it } from "vitest";
import { planFresh } from "../../src/mutate/fresh-tasks.js";
import type { Task } from "../../src/types.js";

const task = (id: string, language: string) => ({ id, language }) as Task;
const SEEDS = [
  task("mutations/py-a", "python"),
  task("mutations/py-b", "python"),
  task("mutations/js-a", "javascript"),
  task("mutations/go-a", "go"),
  task("mutations/rs-a", "rust"),
];
const plan = (count: number, seed: number) =>
  Object.fromEntries([...planFresh(SEEDS, count, seed)].map(([t, n]) => [t.id, n]));

describe("planFresh", () => {
  it("spreads N tasks over every language before repeating one", () => {
    const quota = plan(4, 42);
    expect(Object.values(quota).reduce((a, b) => a + b, 0)).toBe(4);
    const languages = new Set(Object.keys(quota).map((id) => SEEDS.find((s) => s.id === id)?.language));
    expect(languages).toEqual(new Set(["python", "javascript", "go", "rust"]));
  });

  it("is the same plan for the same seed, whatever order the seeds come in", () => {
    expect(plan(7, 3)).toEqual(plan(7, 3));
    expect(Object.fromEntries([...planFresh([...SEEDS].reverse(), 7, 3)].map(([t, n]) => [t.id, n]))).toEqual(
      plan(7, 3),
    );
  });

  it("with one language, takes its tasks in turn", () => {
    const quota = planFresh(SEEDS.slice(0, 2), 3, 1);
    expect([...quota.values()].sort()).toEqual([1, 2]);
  });
});
