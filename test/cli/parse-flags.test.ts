import type { ArgsDef } from "citty";
import { describe, expect, it } from "vitest";
import { integerFlag, numberFlag, parseFlags } from "../../src/cli/parse-flags.js";
import { UsageError } from "../../src/errors.js";

const ARGS: ArgsDef = {
  demo: { type: "boolean", description: "demo" },
  model: { type: "string", description: "model", alias: ["m"] },
  task: { type: "string", description: "task" },
  tui: { type: "string", description: "tui", default: "builtin" },
  runs: { type: "string", description: "runs", default: "1" },
  format: { type: "enum", description: "format", options: ["text", "json"] },
  bundle: { type: "positional", description: "ignored here", required: false },
};
const REPEATABLE = new Set(["task", "model"]);

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("no error thrown");
}

describe("parseFlags", () => {
  it.each<[string, string[], Record<string, unknown>]>([
    ["defaults applied", [], { tui: "builtin", runs: "1" }],
    ["a default is overridden", ["--tui", "noop"], { tui: "noop", runs: "1" }],
    ["--flag=value form", ["--runs=3"], { runs: "3", tui: "builtin" }],
    ["boolean", ["--demo"], { demo: true }],
    ["repeatable flags collect", ["--task", "a/*", "--task", "b/c"], { task: ["a/*", "b/c"] }],
    ["a repeatable flag given once is a list", ["--model", "m1"], { model: ["m1"] }],
    ["short alias", ["-m", "m1", "-m", "m2"], { model: ["m1", "m2"] }],
    ["enum value", ["--format", "json"], { format: "json" }],
  ])("%s", (_name, argv, expected) => {
    expect(parseFlags(argv, ARGS, REPEATABLE)).toMatchObject(expected);
  });

  it("a non-repeatable flag keeps its last value", () => {
    expect(parseFlags(["--tui", "a", "--tui", "b"], ARGS, REPEATABLE).tui).toBe("b");
  });

  it.each<[string, string[], string | RegExp]>([
    ["unknown flag with a suggestion", ["--modle", "x"], "unknown flag --modle (did you mean --model?)"],
    ["unknown flag near a boolean", ["--dmeo"], "unknown flag --dmeo (did you mean --demo?)"],
    ["unknown flag, nothing close", ["--frobnicate"], "unknown flag --frobnicate"],
    ["unknown short flag", ["-x"], /^unknown flag -x/],
    ["empty value", ["--model", ""], "--model needs a value"],
    ["blank value with =", ["--tui= "], "--tui needs a value"],
    ["one empty among repeats", ["--task", "a", "--task", ""], "--task needs a value"],
    ["missing value at the end", ["--tui"], "--tui needs a value"],
    ["bad enum value", ["--format", "xml"], "--format must be one of text, json"],
    ["stray positional", ["extra"], "unexpected argument extra"],
  ])("%s", (_name, argv, message) => {
    const error = usageError(() => parseFlags(argv, ARGS, REPEATABLE));
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(2);
  });
});

describe("integerFlag", () => {
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ["1", 1],
    ["64", 64],
    ["010", 10],
  ])("%s → %s", (value, expected) => {
    expect(integerFlag("concurrency", value, 1, 64)).toBe(expected);
  });

  it.each(["0", "65", "1.5", "abc", "", "-3", "Infinity"])("%j is refused", (value) => {
    const error = usageError(() => integerFlag("concurrency", value, 1, 64));
    expect(error.message).toBe(`--concurrency must be a whole number from 1 to 64, got ${value}`);
  });

  it.each(["", " "])("%j is not read as 0 even when 0 is allowed", (value) => {
    expect(() => integerFlag("max-retries", value, 0, 5)).toThrow(UsageError);
  });
});

describe("numberFlag", () => {
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ["0", 0],
    ["0.75", 0.75],
    ["1", 1],
    ["1e-1", 0.1],
  ])("%s → %s", (value, expected) => {
    expect(numberFlag("fail-under", value, 0, 1)).toBe(expected);
  });

  it.each(["-0.1", "1.01", "abc", "", " ", "NaN", "Infinity"])("%j is refused", (value) => {
    const error = usageError(() => numberFlag("fail-under", value, 0, 1));
    expect(error.message).toBe(`--fail-under must be a number from 0 to 1, got ${value}`);
  });

  it("says ∞ when there is no upper bound", () => {
    expect(usageError(() => numberFlag("timeout", "-1", 1)).message).toBe(
      "--timeout must be a number from 1 to ∞, got -1",
    );
  });
});
