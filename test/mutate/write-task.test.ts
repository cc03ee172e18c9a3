import { describe, expect, it } from "vitest";
import { applyMutation, findMutations } from "../../src/mutate/find-mutations.js";
import { inverseFix, mutantTitle } from "../../src/mutate/write-task.js";

const SOURCE = `fn window_contains(a: u64, b: u64) -> bool {
    a < b
}

fn twice(a: u64, b: u64) -> bool {
    a < b
}
`;

describe("inverseFix", () => {
  it.each([
    ["swap-comparator" as const, 0],
    ["swap-comparator" as const, 2],
    ["swap-comparator" as const, 1],
  ])("turns a %s mutant (#%i) back into the original with one unique edit", (operator, index) => {
    const sites = findMutations(SOURCE, "rust", [operator]);
    const site = sites[index] ?? sites[0];
    if (!site) throw new Error("no site");
    const mutated = applyMutation(SOURCE, site);
    const fix = inverseFix(SOURCE, site);
    expect(mutated.split(fix.old_string)).toHaveLength(2);
    expect(mutated.replace(fix.old_string, fix.new_string)).toBe(SOURCE);
  });

  it("widens the edit until it is unique: the mutant's line is also elsewhere in the file", () => {
    const source =
      "fn f(a: u8, b: u8) -> bool {\n    a <= b\n}\n\nfn g(a: u8, b: u8) -> bool {\n    a < b\n}\n";
    const site = findMutations(source, "rust", ["swap-comparator"]).find((s) => s.replacement === "<=");
    if (!site) throw new Error("no site");
    expect(inverseFix(source, site)).toEqual({
      old_string: "fn g(a: u8, b: u8) -> bool {\n    a <= b\n}",
      new_string: "fn g(a: u8, b: u8) -> bool {\n    a < b\n}",
    });
  });

  it("restores a deleted line", () => {
    const source = "fn f() {\n    x.go();\n    y.go();\n}\n";
    const site = findMutations(source, "rust", ["delete-statement"])[0];
    if (!site) throw new Error("no site");
    const fix = inverseFix(source, site);
    expect(applyMutation(source, site).replace(fix.old_string, fix.new_string)).toBe(source);
  });
});

describe("mutantTitle", () => {
  it("names operator, file, line and function", () => {
    const site = findMutations(SOURCE, "rust", ["swap-comparator"])[0];
    if (!site) throw new Error("no site");
    expect(mutantTitle({ file: "src/lib.rs", site, where: "fn window_contains" })).toBe(
      "swap `<` for `<=` in src/lib.rs:2 (fn window_contains)",
    );
  });
});
