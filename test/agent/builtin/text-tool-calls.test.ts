import { describe, expect, it } from "vitest";
import { parseTextToolCalls } from "../../../src/agent/builtin/text-tool-calls.js";

const call = (name: string, args: unknown) => ({ function: { name, arguments: JSON.stringify(args) } });

describe("tool calls written as text", () => {
  it.each([
    [
      "<tool_call> blocks, several",
      'a <tool_call>{"name":"bash","arguments":{"command":"ls"}}</tool_call> b <tool_call>{"name":"finish","arguments":{"message":"x"}}</tool_call>',
      [call("bash", { command: "ls" }), call("finish", { message: "x" })],
    ],
    [
      "<function=NAME>",
      '<function=read_file>{"path": "a.txt"}</function>',
      [{ function: { name: "read_file", arguments: '{"path": "a.txt"}' } }],
    ],
    [
      "fenced json",
      'Plan:\n```json\n{"name": "bash", "arguments": {"command": "ls"}}\n```',
      [call("bash", { command: "ls" })],
    ],
    [
      "bare object with parameters",
      '{"name": "bash", "parameters": {"command": "ls"}}',
      [call("bash", { command: "ls" })],
    ],
    [
      "string arguments kept",
      '<tool_call>{"name":"bash","arguments":"{\\"command\\":\\"ls\\"}"}</tool_call>',
      [{ function: { name: "bash", arguments: '{"command":"ls"}' } }],
    ],
    ["prose only", "I think the bug is in the loop.", []],
    ["json that is not a call", '```json\n{"answer": 42}\n```', []],
    ["broken json", "<tool_call>{not json}</tool_call>", []],
    ["a bash fence is not a call in tools mode", "```bash\nls\n```", []],
  ])("%s", (_name, content, expected) => {
    expect(parseTextToolCalls(content)).toEqual(expected);
  });

  it("a bash fence is a bash call under the text protocol", () => {
    expect(parseTextToolCalls("Let me look.\n```bash\nls -la\n```", { bashFences: true })).toEqual([
      call("bash", { command: "ls -la" }),
    ]);
  });
});
