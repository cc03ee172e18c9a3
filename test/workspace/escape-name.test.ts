import { describe, expect, it } from "vitest";
import { escapeName } from "../../src/workspace/escape-name.js";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

describe("escapeName", () => {
  it.each<[string, Buffer, string]>([
    ["ASCII stays as it is", bytes("lib.rs"), "lib.rs"],
    ["UTF-8 stays as it is", bytes("données-😀.txt"), "données-😀.txt"],
    ["a backslash in a UTF-8 name stays single", bytes("a\\xFF"), "a\\xFF"],
    ["a lone 0xFF byte", bytes("bad", [0xff], "name"), "bad\\xFFname"],
    ["Latin-1 é (0xE9) between letters", bytes("caf", [0xe9]), "caf\\xE9"],
    ["a sequence cut short at the end", bytes("x", [0xc3]), "x\\xC3"],
    ["an overlong slash (C0 AF)", bytes([0xc0, 0xaf]), "\\xC0\\xAF"],
    ["an encoded surrogate (ED A0 80)", bytes([0xed, 0xa0, 0x80]), "\\xED\\xA0\\x80"],
    ["valid pieces kept around an invalid byte", bytes("é", [0xff], "😀"), "é\\xFF😀"],
    ["a backslash is doubled in an escaped name", bytes("a\\b", [0xfe]), "a\\\\b\\xFE"],
  ])("%s", (_name, input, expected) => {
    expect(escapeName(input)).toBe(expected);
    expect(escapeName(Buffer.from(input))).toBe(expected);
  });
});
