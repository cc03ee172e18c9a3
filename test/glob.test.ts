import { describe, expect, it } from "vitest";
import { createGlobMatcher, globToRegExp, isGlob } from "../src/glob.js";

describe("globToRegExp", () => {
  it.each([
    // `*` stays within one segment
    ["src/*.rs", "src/lib.rs", true],
    ["src/*.rs", "src/a/lib.rs", false],
    ["src/*.rs", "src/lib.rsx", false],
    ["*", "README.md", true],
    ["*", "a/b", false],
    ["tests/*", "tests/a.py", true],
    ["tests/*", "tests", false],
    ["tests/*", "tests/a/b.py", false],
    // `?` is exactly one character, never a slash
    ["file?.txt", "file1.txt", true],
    ["file?.txt", "file12.txt", false],
    ["file?.txt", "file.txt", false],
    ["a?b", "a/b", false],
    // `**` spans directories
    ["**", "a/b/c.txt", true],
    ["**/*.py", "x.py", true],
    ["**/*.py", "a/b/x.py", true],
    ["**/*.py", "a/b/x.pyc", false],
    ["src/**/mod.rs", "src/mod.rs", true],
    ["src/**/mod.rs", "src/a/b/mod.rs", true],
    ["src/**/mod.rs", "srcx/mod.rs", false],
    // `dir/**` matches dir itself and everything below, but not a sibling sharing the prefix
    ["tests/**", "tests", true],
    ["tests/**", "tests/a.py", true],
    ["tests/**", "tests/deep/er/a.py", true],
    ["tests/**", "tests2/a.py", false],
    ["tests/**", "testsuite", false],
    // `**/target/**` at any depth, including the folder itself
    ["**/target/**", "target", true],
    ["**/target/**", "target/debug/app", true],
    ["**/target/**", "crates/core/target/debug/app", true],
    ["**/target/**", "crates/core/target", true],
    ["**/target/**", "mytarget/x", false],
    ["**/target/**", "crates/target.rs", false],
    ["**/target/**", "src/targets/x", false],
    // regex metacharacters are literal
    ["a+b.c", "a+b.c", true],
    ["a+b.c", "aab.c", false],
    ["a+b.c", "a+bxc", false],
    ["(x)|[y]^$.txt", "(x)|[y]^$.txt", true],
    ["(x)|[y]^$.txt", "x", false],
    ["dir{1}/f", "dir{1}/f", true],
    ["dir{1}/f", "dir/f", false],
    ["back\\slash", "back\\slash", true],
    // anchored at both ends
    ["Cargo.toml", "Cargo.toml", true],
    ["Cargo.toml", "sub/Cargo.toml", false],
    ["Cargo.toml", "Cargo.toml.bak", false],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });
});

describe("createGlobMatcher", () => {
  it.each([
    [["tests/**", "Cargo.toml"], "Cargo.toml", true],
    [["tests/**", "Cargo.toml"], "tests/it.rs", true],
    [["tests/**", "Cargo.toml"], "src/lib.rs", false],
    [[], "anything", false],
  ])("%j on %s: %s", (patterns, path, expected) => {
    expect(createGlobMatcher(patterns)(path)).toBe(expected);
  });
});

describe("isGlob", () => {
  it.each([
    ["polyglot/*", true],
    ["polyglot/rust-?", true],
    ["**", true],
    ["polyglot/rust-owner-borrow-fix", false],
    ["a+b.c", false],
  ])("%s: %s", (pattern, expected) => {
    expect(isGlob(pattern)).toBe(expected);
  });
});
