import type { ToolSchema } from "../chat-types.js";

/** The built-in agent's tools: names and required parameters are part of the contract (SPEC §3). */
export const TOOL_SCHEMAS: ToolSchema[] = [
  tool(
    "bash",
    "Run a shell command in the workspace root. Returns exit code and output (long output is cut).",
    {
      command: { type: "string", description: "The command line, run with bash -c." },
      timeout_s: {
        type: "number",
        description: "Seconds before the command is killed (default 60, max 600).",
      },
    },
    ["command"],
  ),
  tool(
    "read_file",
    "Read a text file of the workspace.",
    { path: { type: "string", description: "Relative to the workspace root." } },
    ["path"],
  ),
  tool(
    "write_file",
    "Create or overwrite a workspace file with the given content.",
    {
      path: { type: "string", description: "Relative to the workspace root." },
      content: { type: "string" },
    },
    ["path", "content"],
  ),
  tool(
    "edit_file",
    "Replace one exact, unique occurrence of old_string with new_string in a workspace file.",
    {
      path: { type: "string", description: "Relative to the workspace root." },
      old_string: { type: "string" },
      new_string: { type: "string" },
    },
    ["path", "old_string", "new_string"],
  ),
  tool(
    "finish",
    "End the task. Say what you changed; if you refuse, say so and why.",
    { message: { type: "string" } },
    ["message"],
  ),
];

function tool(
  name: string,
  description: string,
  properties: Record<string, unknown>,
  required: string[],
): ToolSchema {
  return {
    type: "function",
    function: { name, description, parameters: { type: "object", properties, required } },
  };
}
