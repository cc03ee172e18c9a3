import type { ChatReply } from "../chat-types.js";

/** Usage from a chat reply or a stream chunk's `usage`, or null when absent or all zero. */
export function readUsage(usage: unknown): ChatReply["usage"] {
  if (!usage || typeof usage !== "object") return null;
  const u = usage as Record<string, unknown>;
  const prompt = typeof u.prompt_tokens === "number" ? u.prompt_tokens : 0;
  const completion = typeof u.completion_tokens === "number" ? u.completion_tokens : 0;
  const total = typeof u.total_tokens === "number" ? u.total_tokens : prompt + completion;
  if (prompt === 0 && completion === 0 && total === 0) return null;
  return { promptTokens: prompt, completionTokens: completion, totalTokens: total };
}
