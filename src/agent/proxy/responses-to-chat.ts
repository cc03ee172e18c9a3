/** Responses API request → chat-completions request, for TUIs (codex) that speak only /v1/responses. */

type Bag = Record<string, unknown>;

interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

type ChatContent =
  | string
  | ({ type: "text"; text: string } | { type: "image_url"; image_url: { url: string } })[];

export type TranslatedMessage =
  | { role: "system" | "user"; content: ChatContent }
  | { role: "assistant"; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export interface TranslatedRequest {
  /** The chat-completions body to forward. */
  body: Bag & { model: string; messages: TranslatedMessage[]; stream: true };
  /** Names of freeform (custom) tools: their calls go back as custom_tool_call items. */
  customTools: Set<string>;
}

/** The one parameter a freeform tool becomes, since chat tools take JSON arguments only. */
export const CUSTOM_TOOL_PARAMETER = "input";

const asBag = (value: unknown): Bag | null =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Bag) : null;
const str = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * Translate a Responses request: instructions and input items become messages (reasoning items are
 * dropped), function tools become chat tools, freeform tools a function with one string `input`.
 * Always asks for a stream, with usage, whatever the TUI asked: the proxy answers in either form.
 */
export function responsesToChat(request: Bag, model: string): TranslatedRequest {
  const customTools = new Set<string>();
  const tools: Bag[] = [];
  for (const tool of Array.isArray(request.tools) ? request.tools : []) {
    const translated = translateTool(asBag(tool), customTools);
    if (translated) tools.push(translated);
  }
  const messages: TranslatedMessage[] = [];
  const instructions = str(request.instructions);
  if (instructions) messages.push({ role: "system", content: instructions });
  const input = request.input;
  if (typeof input === "string") messages.push({ role: "user", content: input });
  else if (Array.isArray(input)) for (const item of input) addItem(messages, asBag(item));

  const body: TranslatedRequest["body"] = {
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  };
  if (tools.length > 0) {
    body.tools = tools;
    const choice = translateToolChoice(request.tool_choice);
    if (choice !== undefined) body.tool_choice = choice;
    if (typeof request.parallel_tool_calls === "boolean")
      body.parallel_tool_calls = request.parallel_tool_calls;
  }
  if (typeof request.max_output_tokens === "number") body.max_tokens = request.max_output_tokens;
  for (const key of ["temperature", "top_p"] as const) {
    if (typeof request[key] === "number") body[key] = request[key];
  }
  const format = asBag(asBag(request.text)?.format);
  if (format?.type === "json_schema") {
    const { type: _type, ...schema } = format;
    body.response_format = { type: "json_schema", json_schema: schema };
  } else if (format?.type === "json_object") body.response_format = { type: "json_object" };
  return { body, customTools };
}

function translateTool(tool: Bag | null, customTools: Set<string>): Bag | null {
  const name = str(tool?.name);
  if (!tool || !name) return null; // built-in tools (web_search, local_shell …) have no chat equivalent
  if (tool.type === "function") {
    const fn: Bag = { name, parameters: asBag(tool.parameters) ?? { type: "object", properties: {} } };
    if (str(tool.description)) fn.description = tool.description;
    if (typeof tool.strict === "boolean") fn.strict = tool.strict;
    return { type: "function", function: fn };
  }
  if (tool.type === "custom") {
    customTools.add(name);
    const format = asBag(tool.format);
    const grammar =
      format?.type === "grammar" && str(format.definition)
        ? `\n\nThe input must follow this ${str(format.syntax) || "grammar"} grammar:\n${str(format.definition)}`
        : "";
    return {
      type: "function",
      function: {
        name,
        description:
          `${str(tool.description)}\n\nPass the whole raw input as the \`${CUSTOM_TOOL_PARAMETER}\` string.${grammar}`.trim(),
        parameters: {
          type: "object",
          properties: { [CUSTOM_TOOL_PARAMETER]: { type: "string", description: "the raw tool input" } },
          required: [CUSTOM_TOOL_PARAMETER],
        },
      },
    };
  }
  return null;
}

function translateToolChoice(choice: unknown): unknown {
  if (typeof choice === "string") return ["auto", "none", "required"].includes(choice) ? choice : undefined;
  const bag = asBag(choice);
  const name = str(bag?.name);
  if ((bag?.type === "function" || bag?.type === "custom") && name)
    return { type: "function", function: { name } };
  return undefined;
}

/** Text (and images) of a message's content, as a string when it is text only. */
function translateContent(content: unknown): ChatContent {
  if (typeof content === "string") return content;
  const parts: Exclude<ChatContent, string> = [];
  for (const part of Array.isArray(content) ? content : []) {
    const bag = asBag(part);
    if (!bag) continue;
    if (typeof bag.text === "string") parts.push({ type: "text", text: bag.text });
    else if (bag.type === "input_image" && str(bag.image_url))
      parts.push({ type: "image_url", image_url: { url: str(bag.image_url) } });
  }
  if (parts.every((p) => p.type === "text"))
    return parts.map((p) => (p.type === "text" ? p.text : "")).join("\n");
  return parts;
}

/** A tool output as text: a string, or the text parts of a content list. */
function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  const content = translateContent(output);
  if (typeof content === "string") return content;
  return content.map((p) => (p.type === "text" ? p.text : "[image omitted]")).join("\n");
}

function addToolCall(messages: TranslatedMessage[], call: ChatToolCall): void {
  // Calls that follow an assistant message (or each other) join it: chat wants them on one message.
  const last = messages[messages.length - 1];
  if (last?.role === "assistant") last.tool_calls = [...(last.tool_calls ?? []), call];
  else messages.push({ role: "assistant", content: null, tool_calls: [call] });
}

function addItem(messages: TranslatedMessage[], item: Bag | null): void {
  if (!item) return;
  const type = item.type ?? (item.role ? "message" : undefined);
  switch (type) {
    case "message": {
      const role = str(item.role);
      const content = translateContent(item.content);
      if (role === "assistant") {
        const text = typeof content === "string" ? content : outputText(content);
        messages.push({ role: "assistant", content: text });
      } else if (role === "system" || role === "developer") {
        // "developer" is OpenAI-only; compatible servers know "system".
        messages.push({
          role: "system",
          content: typeof content === "string" ? content : outputText(content),
        });
      } else messages.push({ role: "user", content });
      return;
    }
    case "function_call":
      addToolCall(messages, {
        id: str(item.call_id),
        type: "function",
        function: { name: str(item.name), arguments: str(item.arguments) || "{}" },
      });
      return;
    case "custom_tool_call":
      addToolCall(messages, {
        id: str(item.call_id),
        type: "function",
        function: {
          name: str(item.name),
          arguments: JSON.stringify({ [CUSTOM_TOOL_PARAMETER]: str(item.input) }),
        },
      });
      return;
    case "function_call_output":
    case "custom_tool_call_output":
      messages.push({ role: "tool", tool_call_id: str(item.call_id), content: outputText(item.output) });
      return;
    default:
      // reasoning, web_search_call, compaction …: nothing a chat endpoint can take.
      return;
  }
}
