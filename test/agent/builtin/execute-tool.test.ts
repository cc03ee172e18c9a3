import { mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { executeTool, type ToolAnswer, type ToolContext } from "../../../src/agent/builtin/execute-tool.js";
import { normalizeToolCalls } from "../../../src/agent/builtin/normalize-tool-calls.js";

let root: string;
let context: ToolContext;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "cab-exec-tool-")));
  await writeFile(join(root, "notes.txt"), "one two\n");
  context = {
    workspaceDir: root,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root },
    signal: new AbortController().signal,
  };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** One tool call as an endpoint would send it, normalised, then run. */
async function call(name: string, args: unknown): Promise<ToolAnswer> {
  const [normalized] = normalizeToolCalls([{ id: "call_1", function: { name, arguments: args } }]);
  if (!normalized) throw new Error("no call");
  return executeTool(normalized, context);
}

describe("executeTool", () => {
  it.each<[string, string, unknown, Partial<ToolAnswer>]>([
    ["read_file", "read_file", '{"path":"notes.txt"}', { text: "one two\n", ok: true, malformed: false }],
    [
      "write_file",
      "write_file",
      { path: "d/x.txt", content: "hi" },
      { text: "wrote 2 bytes to d/x.txt", ok: true },
    ],
    [
      "edit_file",
      "edit_file",
      { path: "notes.txt", old_string: "two", new_string: "2" },
      { text: "edited notes.txt", ok: true },
    ],
    [
      "bash success",
      "bash",
      { command: "echo hi; echo err >&2" },
      { text: "exit code: 0\nstdout:\nhi\n\nstderr:\nerr\n", ok: true },
    ],
    [
      "bash failure is not malformed",
      "bash",
      { command: "exit 4" },
      { text: "exit code: 4", ok: false, malformed: false },
    ],
    [
      "bash timeout",
      "bash",
      { command: "sleep 20", timeout_s: 0.3 },
      { text: "timed out after 0.3s (process group killed)", ok: false },
    ],
    [
      "finish",
      "finish",
      '{"message":"Fixed the off-by-one."}',
      { text: "finished", ok: true, finished: "Fixed the off-by-one." },
    ],
  ])("%s", async (_name, name, args, expected) => {
    expect(await call(name, args)).toMatchObject({ malformed: false, finished: null, ...expected });
  });

  it("applies the file tools to the workspace", async () => {
    await call("edit_file", { path: "notes.txt", old_string: "two", new_string: "2" });
    await call("write_file", { path: "d/x.txt", content: "hi" });
    expect(await readFile(join(root, "notes.txt"), "utf8")).toBe("one 2\n");
    expect(await readFile(join(root, "d/x.txt"), "utf8")).toBe("hi");
  });

  it.each<[string, string, unknown, RegExp]>([
    ["bad JSON", "read_file", '{"path": "notes.txt"', /^error: arguments were not valid JSON: /],
    ["JSON that is not an object", "bash", "[1,2]", /^error: arguments must be a JSON object$/],
    [
      "unknown tool",
      "delete_everything",
      "{}",
      /^error: unknown tool "delete_everything"; the tools are bash/,
    ],
    ["empty tool name", "", "{}", /^error: unknown tool ""/],
    ["missing command", "bash", "{}", /^error: command must be a string$/],
    [
      "bad timeout",
      "bash",
      { command: "true", timeout_s: -1 },
      /^error: timeout_s must be a positive number$/,
    ],
    ["missing path", "read_file", "{}", /^error: path must be a non-empty string$/],
    ["finish without message", "finish", "{}", /^error: message must be a string$/],
  ])("malformed: %s", async (_name, name, args, text) => {
    const answer = await call(name, args);
    expect(answer).toMatchObject({ ok: false, malformed: true, finished: null });
    expect(answer.text).toMatch(text);
  });

  it.each<[string, string, unknown, RegExp]>([
    ["path outside", "read_file", { path: "../x" }, /^error: path \.\.\/x is outside the workspace$/],
    ["missing file", "read_file", { path: "nope.txt" }, /^error: nope\.txt does not exist$/],
    ["edit not found", "edit_file", { path: "notes.txt", old_string: "zzz", new_string: "" }, /not found/],
    ["write onto a folder", "write_file", { path: ".", content: "x" }, /^error: .*EISDIR/],
  ])("a tool error, not malformed: %s", async (_name, name, args, text) => {
    const answer = await call(name, args);
    expect(answer).toMatchObject({ ok: false, malformed: false, finished: null });
    expect(answer.text).toMatch(text);
  });
});
