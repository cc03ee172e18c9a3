/**
 * The demo session for third-party TUIs: the same fix as DEMO_SCRIPT, in each TUI's own tool names,
 * chosen by the tools the request offers (qwen: run_shell_command / write_file with absolute paths;
 * pi and opencode: bash / write; codex through the proxy's Responses translation: exec_command).
 */

/** The TUIs `--demo` has a script for (oracle and noop call no model). */
export const DEMO_SCRIPTED_TUIS = ["builtin", "oracle", "noop", "pi", "qwen-code", "opencode", "codex"];

/** One scripted turn: text, and at most one tool call. */
export interface DemoTurn {
  content: string | null;
  call: { name: string; arguments: Record<string, unknown> } | null;
}

/** The fixed `src/save-all.mjs`, byte-identical to the task's solution. */
export const FIXED_SAVE_ALL = `/**
 * Saves every item of \`items\` to \`store\`, in order, and resolves to the
 * number of items the store holds once all of them are saved.
 * If a save fails, the returned promise rejects with that error.
 */
export async function saveAll(store, items) {
  for (const i of items) {
    await store.save(i);
  }
  return store.count();
}
`;

const TEST_COMMAND = "node --test test/save-all.test.mjs";
const FIXED_PATH = "src/save-all.mjs";
/** The fix in apply_patch's format (paths relative to the working directory). */
const FIX_PATCH = `*** Begin Patch
*** Update File: ${FIXED_PATH}
@@
-  items.forEach(async (i) => {
-    await store.save(i);
-  });
+  for (const i of items) {
+    await store.save(i);
+  }
*** End Patch`;
/** For a TUI with neither a write tool nor apply_patch. */
const HEREDOC_WRITE = `cat > ${FIXED_PATH} <<'CAB_EOF'\n${FIXED_SAVE_ALL}CAB_EOF`;
/** The first command prints the workspace path, so later turns can give tools that want one an absolute path. */
const WORKSPACE_MARKER = "CAB_WORKSPACE=";
export const DEMO_FINAL_MESSAGE =
  "saveAll used forEach with an async callback, which does not wait; it now awaits each save in a for...of loop, so it resolves after every item is stored and rejects if a save fails.";

/** A chat message as the demo endpoint reads it. */
export interface DemoMessage {
  role: string;
  content?: unknown;
  tool_calls?: unknown;
}

interface OfferedTool {
  name: string;
  /** Property names of its parameters' schema. */
  parameters: string[];
}

/** The tools a chat request offers, with their parameter names. */
export function offeredTools(tools: unknown): OfferedTool[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => {
    const fn = (tool as { function?: { name?: unknown; parameters?: { properties?: object } } }).function;
    if (typeof fn?.name !== "string") return [];
    return [{ name: fn.name, parameters: Object.keys(fn.parameters?.properties ?? {}) }];
  });
}

/** Whether the request comes from a TUI the demo scripts (rather than the builtin agent). */
export function isTuiRequest(tools: OfferedTool[]): boolean {
  const names = new Set(tools.map((t) => t.name));
  return !names.has("finish") && tools.length > 0;
}

/**
 * The turn for a TUI request: step = tool-calling turns so far. A request without tools (opencode's
 * title request) gets a short title.
 */
export function tuiDemoTurn(tools: OfferedTool[], messages: DemoMessage[]): DemoTurn {
  if (tools.length === 0) return { content: "Fix saveAll awaiting its saves", call: null };
  // Tool-calling turns so far: qwen opens its history with an assistant "Got it" of its own.
  const step = messages.filter(
    (m) => m.role === "assistant" && Array.isArray(m.tool_calls) && m.tool_calls.length > 0,
  ).length;
  const workspace = findWorkspace(messages);
  const shell = shellCall(tools);
  const read = fileCall(tools, ["read_file", "read"], workspace);
  const write = fileCall(tools, ["write_file", "write"], workspace);
  // qwen refuses to overwrite a file it has not read in the session: read it first where there is a reader.
  const steps: DemoTurn[] = [
    {
      content: "Reproducing the failure first.",
      call: shell(`echo ${WORKSPACE_MARKER}$(pwd) && ${TEST_COMMAND}`),
    },
    ...(read ? [{ content: "Reading the function.", call: read({}) }] : []),
    {
      content:
        "forEach does not await async callbacks, so saveAll returns before any save completes. Awaiting each save in order.",
      call: write ? write({ content: FIXED_SAVE_ALL }) : (patchCall(tools) ?? shell(HEREDOC_WRITE)),
    },
    { content: "Re-running the tests.", call: shell(TEST_COMMAND) },
  ];
  return steps[step] ?? { content: DEMO_FINAL_MESSAGE, call: null };
}

function shellCall(tools: OfferedTool[]) {
  const tool = ["run_shell_command", "exec_command", "bash", "shell"]
    .map((name) => tools.find((t) => t.name === name))
    .find(Boolean);
  return (command: string): DemoTurn["call"] => {
    if (!tool) return null;
    const key = tool.parameters.includes("cmd") ? "cmd" : "command";
    const args: Record<string, unknown> = { [key]: command };
    // opencode's bash and qwen's shell want a description of the command.
    if (tool.parameters.includes("description")) args.description = "Run the tests";
    return { name: tool.name, arguments: args };
  };
}

/**
 * codex's freeform apply_patch, as the proxy offers it to a chat endpoint: a function with one string
 * parameter that takes the whole patch.
 */
function patchCall(tools: OfferedTool[]): DemoTurn["call"] {
  const tool = tools.find((t) => t.name === "apply_patch");
  const parameter = tool?.parameters.length === 1 ? tool.parameters[0] : undefined;
  if (!tool || !parameter) return null;
  return { name: tool.name, arguments: { [parameter]: FIX_PATCH } };
}

/** A call of the first of `names` the request offers, on src/save-all.mjs (absolute once the path is known). */
function fileCall(tools: OfferedTool[], names: string[], workspace: string | null) {
  const tool = names.map((name) => tools.find((t) => t.name === name)).find(Boolean);
  if (!tool) return null;
  const pathKey =
    ["absolute_path", "file_path", "filePath", "path"].find((key) => tool.parameters.includes(key)) ?? "path";
  const path = workspace ? `${workspace}/${FIXED_PATH}` : FIXED_PATH;
  return (extra: Record<string, unknown>): DemoTurn["call"] => ({
    name: tool.name,
    arguments: { [pathKey]: path, ...extra },
  });
}

/** The absolute workspace path the first command printed, from the tool results in the request. */
function findWorkspace(messages: DemoMessage[]): string | null {
  const pattern = new RegExp(`${WORKSPACE_MARKER}(/[^\\s"'\\\\]+)`);
  for (const message of messages) {
    if (message.role === "assistant") continue;
    const text =
      typeof message.content === "string" ? message.content : JSON.stringify(message.content ?? "");
    const match = pattern.exec(text);
    if (match?.[1]) return match[1];
  }
  return null;
}
