import type { ModelExchange } from "../types.js";
import { commonPrefix, hashMessage, hashTools } from "./message-hash.js";

/** What an incoming chat request carries that replay compares. */
export interface IncomingRequest {
  model?: string;
  messages?: unknown[];
  tools?: unknown[];
}

const PREVIEW_CHARS = 160;

/**
 * Compare a replayed request with the recorded one: null when they match, else one sentence naming
 * the first difference (model, tool definitions, or the first message that differs and what it is).
 */
export function compareRequest(
  body: IncomingRequest,
  recorded: ModelExchange["request"],
  recordedHashes: readonly string[],
): string | null {
  if (body.model !== recorded.model)
    return `the model id differs: recorded "${recorded.model}", replayed "${body.model}"`;
  if (hashTools(body.tools) !== recorded.tools_hash)
    return "the tool definitions differ from the recording (recorded by another cab version?)";
  const messages = body.messages ?? [];
  const actual = messages.map(hashMessage);
  const n = commonPrefix(actual, recordedHashes);
  if (n === actual.length && n === recordedHashes.length) return null;
  const recordedRole = recordedHashes[n]?.split(":")[0];
  if (n < actual.length && n < recordedHashes.length) {
    return `message ${n + 1} of ${actual.length} differs: replayed ${describeMessage(messages, n)}; the recording had a different ${recordedRole} message there`;
  }
  if (n < actual.length)
    return `the request has ${actual.length - n} message(s) more than recorded, from message ${n + 1}: ${describeMessage(messages, n)}`;
  return `the request has ${actual.length} message(s), the recording ${recordedHashes.length}: recorded message ${n + 1} (${recordedRole}) is missing`;
}

/** "assistant tool call bash {…} (the reply to call #3)", "tool result "…"": enough to find it in the trace. */
function describeMessage(messages: readonly unknown[], index: number): string {
  const message = (messages[index] ?? {}) as {
    role?: string;
    content?: unknown;
    tool_calls?: { function?: { name?: string; arguments?: unknown } }[];
  };
  const role = message.role ?? "unknown";
  if (role === "assistant") {
    // The builtin agent turns each reply into one assistant message, so the count names the call.
    const call = messages
      .slice(0, index + 1)
      .filter((m) => (m as { role?: string }).role === "assistant").length;
    const calls = (message.tool_calls ?? []).map(
      (c) => `${c.function?.name ?? "?"} ${preview(String(c.function?.arguments ?? ""))}`,
    );
    const what = calls.length > 0 ? `tool call ${calls.join("; ")}` : `text ${quote(message.content)}`;
    return `assistant ${what} (the reply to call #${call})`;
  }
  if (role === "tool") return `tool result ${quote(message.content)}`;
  return `${role} message ${quote(message.content)}`;
}

function quote(content: unknown): string {
  return JSON.stringify(preview(typeof content === "string" ? content : JSON.stringify(content ?? "")));
}

function preview(text: string): string {
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}
