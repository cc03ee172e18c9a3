import { describe, expect, it } from "vitest";
import { newToolCallId, normalizeToolCalls } from "../../../src/agent/builtin/normalize-tool-calls.js";
import type { RawToolCall } from "../../../src/agent/chat-types.js";

const jsonError = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parsed`);
};

describe("normalizeToolCalls", () => {
  it.each<[string, unknown, string, Record<string, unknown> | null, string | null]>([
    ["string arguments", '{"path":"a.txt"}', '{"path":"a.txt"}', { path: "a.txt" }, null],
    [
      "object arguments are stringified",
      { path: "a.txt", n: 1 },
      '{"path":"a.txt","n":1}',
      { path: "a.txt", n: 1 },
      null,
    ],
    ["empty string means no arguments", "", "", {}, null],
    ["whitespace means no arguments", "  \n", "  \n", {}, null],
    ["missing arguments", undefined, "", {}, null],
    ["null arguments", null, "", {}, null],
    [
      "truncated JSON",
      '{"path": "a.t',
      '{"path": "a.t',
      null,
      `arguments were not valid JSON: ${jsonError('{"path": "a.t')}`,
    ],
    [
      "single quotes",
      "{'path': 'a'}",
      "{'path': 'a'}",
      null,
      `arguments were not valid JSON: ${jsonError("{'path': 'a'}")}`,
    ],
    ["an array", "[1]", "[1]", null, "arguments must be a JSON object"],
    ["a string", '"a.txt"', '"a.txt"', null, "arguments must be a JSON object"],
    ["JSON null", "null", "null", null, "arguments must be a JSON object"],
  ])("%s", (_name, rawArgs, text, args, argsError) => {
    const [normalized] = normalizeToolCalls([
      { id: "x", function: { name: "read_file", arguments: rawArgs } },
    ]);
    expect(normalized).toMatchObject({ name: "read_file", args, argsError });
    expect(normalized?.call.function).toEqual({ name: "read_file", arguments: text });
    expect(normalized?.call.type).toBe("function");
  });

  it("the parse error is the real one", () => {
    const [normalized] = normalizeToolCalls([{ function: { name: "bash", arguments: '{"command": ls}' } }]);
    expect(normalized?.argsError).toMatch(/^arguments were not valid JSON: Unexpected token/);
  });

  it("a call without a function gets an empty name", () => {
    const [normalized] = normalizeToolCalls([{ id: "a" }]);
    expect(normalized).toMatchObject({ name: "", args: {}, argsError: null });
  });

  it.each<[string, RawToolCall[]]>([
    [
      "duplicate ids",
      Array.from({ length: 50 }, () => ({ id: "call_0", function: { name: "bash", arguments: "{}" } })),
    ],
    ["missing ids", Array.from({ length: 50 }, () => ({ function: { name: "bash", arguments: "{}" } }))],
    ["null and over-long ids", [{ id: null }, { id: "call_abcdefghijklmnopqrstuvwxyz" }, { id: "a-b_c" }]],
  ])("ids are 9 alphanumerics and unique: %s", (_name, raw) => {
    const ids = normalizeToolCalls(raw).map((n) => n.call.id);
    expect(ids).toHaveLength(raw.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("newToolCallId draws from the whole alphabet", () => {
    const seen = new Set(Array.from({ length: 400 }, () => newToolCallId()).join(""));
    expect(seen.size).toBeGreaterThan(55);
    expect([...seen].every((c) => /[A-Za-z0-9]/.test(c))).toBe(true);
  });
});
