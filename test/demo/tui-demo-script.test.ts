import { describe, expect, it } from "vitest";
import {
  DEMO_FINAL_MESSAGE,
  type DemoMessage,
  FIXED_SAVE_ALL,
  isTuiRequest,
  offeredTools,
  tuiDemoTurn,
} from "../../src/demo/tui-demo-script.js";

const tool = (name: string, ...parameters: string[]) => ({
  type: "function",
  function: {
    name,
    parameters: { type: "object", properties: Object.fromEntries(parameters.map((p) => [p, {}])) },
  },
});

/** The tools each TUI offers (the parts the script reads), as tuis.md recorded them. */
const TOOLSETS = {
  qwen: [
    tool("read_file", "absolute_path"),
    tool("write_file", "file_path", "content"),
    tool("run_shell_command", "command", "description"),
  ],
  pi: [
    tool("read", "path"),
    tool("bash", "command", "timeout"),
    tool("edit", "path", "edits"),
    tool("write", "path", "content"),
  ],
  opencode: [
    tool("bash", "command", "description"),
    tool("read", "filePath"),
    tool("write", "filePath", "content"),
  ],
  codex: [tool("exec_command", "cmd", "workdir"), tool("apply_patch", "input")],
  "codex without apply_patch": [tool("exec_command", "cmd", "workdir")],
};

/** Plays the script to the end, feeding back a tool result that prints the workspace path. */
function play(tools: unknown[]) {
  const offered = offeredTools(tools);
  const messages: DemoMessage[] = [
    { role: "system", content: "…" },
    { role: "user", content: "Fix saveAll" },
  ];
  const calls: { name: string; arguments: Record<string, unknown> }[] = [];
  for (let i = 0; i < 10; i++) {
    const turn = tuiDemoTurn(offered, messages);
    if (!turn.call) return { calls, final: turn.content };
    calls.push(turn.call);
    messages.push({ role: "assistant", content: turn.content, tool_calls: [{ id: `c${i}` }] });
    messages.push({
      role: "tool",
      content: i === 0 ? "CAB_WORKSPACE=/tmp/cab-cell-x/workspace\n# fail 3" : "ok",
    });
  }
  throw new Error("the script never ends");
}

describe("the TUI demo script", () => {
  it.each([
    ["qwen", ["run_shell_command", "read_file", "write_file", "run_shell_command"]],
    ["pi", ["bash", "read", "write", "bash"]],
    ["opencode", ["bash", "read", "write", "bash"]],
    ["codex", ["exec_command", "apply_patch", "exec_command"]],
    ["codex without apply_patch", ["exec_command", "exec_command", "exec_command"]],
  ] as const)("%s: its own tool names, then the closing message", (name, expected) => {
    const { calls, final } = play(TOOLSETS[name]);
    expect(calls.map((c) => c.name)).toEqual(expected);
    expect(final).toBe(DEMO_FINAL_MESSAGE);
  });

  it("writes the fixed file at the absolute path the first command printed, under each tool's own key", () => {
    const qwen = play(TOOLSETS.qwen).calls;
    expect(qwen[1]?.arguments).toEqual({ absolute_path: "/tmp/cab-cell-x/workspace/src/save-all.mjs" });
    expect(qwen[2]?.arguments).toEqual({
      file_path: "/tmp/cab-cell-x/workspace/src/save-all.mjs",
      content: FIXED_SAVE_ALL,
    });
    expect(play(TOOLSETS.opencode).calls[2]?.arguments).toMatchObject({
      filePath: "/tmp/cab-cell-x/workspace/src/save-all.mjs",
    });
    expect(play(TOOLSETS.opencode).calls[0]?.arguments).toMatchObject({ description: "Run the tests" });
    expect(play(TOOLSETS.codex).calls[0]?.arguments).toEqual({
      cmd: "echo CAB_WORKSPACE=$(pwd) && node --test test/save-all.test.mjs",
    });
    expect(String(play(TOOLSETS.codex).calls[1]?.arguments.input)).toMatch(
      /^\*\*\* Begin Patch\n\*\*\* Update File: src\/save-all\.mjs\n/,
    );
  });

  it("answers a request without tools (opencode's session title) with text", () => {
    expect(tuiDemoTurn([], [{ role: "user", content: "title this" }])).toEqual({
      content: "Fix saveAll awaiting its saves",
      call: null,
    });
  });

  it("leaves the builtin agent's requests (they offer finish) to the builtin script", () => {
    expect(isTuiRequest(offeredTools([tool("read_file", "path"), tool("finish", "message")]))).toBe(false);
    expect(isTuiRequest(offeredTools(TOOLSETS.pi))).toBe(true);
  });
});
