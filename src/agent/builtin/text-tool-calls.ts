import type { RawToolCall } from "../chat-types.js";

/**
 * Tool calls a model wrote as text instead of in `tool_calls`, in the shapes servers are known to leak
 * (vLLM/Ollama/llama.cpp with a mismatched parser): `<tool_call>{json}</tool_call>`, `<function=NAME>{json}</function>`,
 * a fenced json block, or the whole reply as one bare `{"name", "arguments"}` object. With `bashFences`
 * (the text protocol), a fenced bash block is a bash call too.
 */
export function parseTextToolCalls(content: string, options: { bashFences?: boolean } = {}): RawToolCall[] {
  const calls: RawToolCall[] = [];
  for (const match of content.matchAll(/<tool_call>\s*([\s\S]*?)\s*<\/tool_call>/g))
    pushJson(calls, match[1]);
  for (const match of content.matchAll(/<function=([\w.-]+)>\s*([\s\S]*?)\s*<\/function>/g)) {
    calls.push({ function: { name: match[1] ?? "", arguments: (match[2] ?? "").trim() || "{}" } });
  }
  if (calls.length === 0) {
    for (const match of content.matchAll(/```(?:json|tool_call)?\s*\n(\{[\s\S]*?\})\s*\n```/g))
      pushJson(calls, match[1]);
  }
  if (calls.length === 0) pushJson(calls, content.trim());
  if (calls.length === 0 && options.bashFences) {
    for (const match of content.matchAll(/```(?:bash|sh|shell)\s*\n([\s\S]*?)\n```/g)) {
      calls.push({ function: { name: "bash", arguments: JSON.stringify({ command: match[1] ?? "" }) } });
    }
  }
  return calls;
}

/** A JSON object with a string `name` and `arguments` (or `parameters`) is a call; anything else is not. */
function pushJson(calls: RawToolCall[], text: string | undefined): void {
  if (!text?.startsWith("{")) return;
  try {
    const value = JSON.parse(text) as { name?: unknown; arguments?: unknown; parameters?: unknown };
    if (typeof value.name !== "string") return;
    const args = value.arguments ?? value.parameters ?? {};
    calls.push({
      function: { name: value.name, arguments: typeof args === "string" ? args : JSON.stringify(args) },
    });
  } catch {
    // not a call
  }
}

/** The system prompt addition for endpoints that reject `tools`. */
export const TEXT_PROTOCOL_INSTRUCTIONS = `This endpoint does not accept tool definitions, so call tools by writing them in your reply, one block per call:
<tool_call>{"name": "bash", "arguments": {"command": "ls"}}</tool_call>
Tools: bash {command, timeout_s?} · read_file {path} · write_file {path, content} · edit_file {path, old_string, new_string} · finish {message}.
A \`\`\`bash fenced block also runs as a bash call. Results come back in the next message.`;
