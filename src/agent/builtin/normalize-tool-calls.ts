import { randomInt } from "node:crypto";
import type { RawToolCall, ToolCall } from "../chat-types.js";

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Our own tool-call id: 9 alphanumerics, the strictest rule any server enforces (Mistral). */
export function newToolCallId(): string {
  let id = "";
  for (let i = 0; i < 9; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

export interface NormalizedCall {
  call: ToolCall;
  name: string;
  /** Parsed arguments, or the parse problem to send back to the model. */
  args: Record<string, unknown> | null;
  argsError: string | null;
}

/**
 * Give every call our own unique id and string arguments, whatever the server sent
 * (missing or duplicate ids, arguments as an object, invalid JSON).
 */
export function normalizeToolCalls(raw: readonly RawToolCall[]): NormalizedCall[] {
  return raw.map((item) => {
    const name = item.function?.name ?? "";
    const rawArgs = item.function?.arguments;
    let args: Record<string, unknown> | null = null;
    let argsError: string | null = null;
    let text: string;
    if (rawArgs !== null && typeof rawArgs === "object") {
      text = JSON.stringify(rawArgs);
      args = rawArgs as Record<string, unknown>;
    } else {
      text = typeof rawArgs === "string" ? rawArgs : "";
      try {
        const parsed: unknown = JSON.parse(text.trim() === "" ? "{}" : text);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
          args = parsed as Record<string, unknown>;
        else argsError = "arguments must be a JSON object";
      } catch (error) {
        argsError = `arguments were not valid JSON: ${(error as Error).message}`;
      }
    }
    const call: ToolCall = { id: newToolCallId(), type: "function", function: { name, arguments: text } };
    return { call, name, args, argsError };
  });
}
