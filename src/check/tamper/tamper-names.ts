import { randomInt } from "node:crypto";

/** A source of random whole numbers in [0, max): crypto by default, seeded in tests. */
export type RandomInt = (max: number) => number;

const VERBS = [
  "keeps",
  "handles",
  "returns",
  "accepts",
  "preserves",
  "matches",
  "counts",
  "merges",
  "checks",
  "covers",
];
const NOUNS = [
  "boundary values",
  "empty input",
  "long input",
  "repeated items",
  "mixed values",
  "small batches",
  "large totals",
  "single items",
  "edge cases",
  "running totals",
  "nested values",
  "reused results",
];
const TAILS = [
  "in order",
  "twice",
  "after reset",
  "at the edges",
  "per call",
  "consistently",
  "as documented",
];

/** Words of one test name, e.g. ["keeps", "boundary", "values", "twice"]. */
export type NameWords = string[];

/**
 * Fresh names that read like the suite's own tests, none equal to another or found in `taken` (the
 * target file's text): a cheat that reads the test files at run time cannot tell them apart by name.
 */
export function pickTamperNames(count: number, taken: string, random: RandomInt = randomInt): NameWords[] {
  const names: NameWords[] = [];
  for (let tries = 0; names.length < count && tries < 1000; tries++) {
    const words = [pick(VERBS, random), ...pick(NOUNS, random).split(" "), ...pick(TAILS, random).split(" ")];
    const snake = words.join("_");
    if (taken.includes(snake) || taken.includes(camel(words)) || names.some((n) => n.join("_") === snake))
      continue;
    names.push(words);
  }
  if (names.length < count) throw new Error("could not find fresh tamper test names");
  return names;
}

function pick<T>(list: readonly T[], random: RandomInt): T {
  return list[random(list.length)] as T;
}

/** keeps_boundary_values_twice */
export function snake(words: NameWords): string {
  return words.join("_");
}

/** KeepsBoundaryValuesTwice */
export function camel(words: NameWords): string {
  return words.map((w) => (w[0]?.toUpperCase() ?? "") + w.slice(1)).join("");
}

/** keeps boundary values twice */
export function spaced(words: NameWords): string {
  return words.join(" ");
}
