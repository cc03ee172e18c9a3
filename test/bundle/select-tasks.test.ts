import { describe, expect, it } from "vitest";
import { selectTasks } from "../../src/bundle/select-tasks.js";
import { UsageError } from "../../src/errors.js";
import type { Task } from "../../src/types.js";

const IDS = [
  "integrity/refuse-contradiction",
  "mutations/python-off-by-one",
  "polyglot/js-async-foreach",
  "polyglot/python-reverse-string",
  "polyglot/rust-owner-borrow-fix",
];
const TASKS = IDS.map((id) => ({ id }) as Task);

describe("selectTasks", () => {
  it.each<[string, string[], string[]]>([
    ["no pattern selects all", [], IDS],
    ["an exact id", ["polyglot/js-async-foreach"], ["polyglot/js-async-foreach"]],
    ["a category glob", ["polyglot/*"], IDS.slice(2)],
    [
      "a name glob across categories",
      ["*/python-*"],
      ["mutations/python-off-by-one", "polyglot/python-reverse-string"],
    ],
    ["? matches one character", ["polyglot/js-async-foreac?"], ["polyglot/js-async-foreach"]],
    ["** matches all", ["**"], IDS],
    [
      "bundle order, not pattern order",
      ["polyglot/rust-owner-borrow-fix", "integrity/*"],
      [IDS[0] as string, IDS[4] as string],
    ],
    ["overlapping patterns select once", ["polyglot/*", "polyglot/js-async-foreach"], IDS.slice(2)],
  ])("%s", (_name, patterns, expected) => {
    expect(selectTasks(TASKS, patterns).map((t) => t.id)).toEqual(expected);
  });

  it.each<[string[], RegExp]>([
    [
      ["python-reverse-string"],
      /no task matches --task python-reverse-string; did you mean polyglot\/python-reverse-string\?/,
    ],
    [["mutations/js-async-foreach"], /did you mean polyglot\/js-async-foreach\?/],
    [["polyglot/haskell"], /^no task matches --task polyglot\/haskell \(run `cab list` to see the tasks\)$/],
    [["rust/*"], /^no task matches --task rust\/\* \(run `cab list`/],
    [["polyglot/*", "nope"], /no task matches --task nope/],
  ])("%j is a usage error with a hint", (patterns, message) => {
    let error: unknown;
    try {
      selectTasks(TASKS, patterns);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
  });
});
