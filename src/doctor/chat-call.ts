import type { ProbeContext } from "./types.js";

/** The slice of a chat completion (whole or streamed) the probes read; servers vary, so all optional. */
export interface RawMessage {
  content?: unknown;
  tool_calls?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
}
export interface RawCompletion {
  choices?: { message?: RawMessage; finish_reason?: string | null }[];
  usage?: unknown;
}
export interface RawChunk {
  choices?: { delta?: RawMessage; finish_reason?: string | null }[];
  usage?: unknown;
}

type ChatBody = { model: string; messages: { role: string; content: string }[] } & Record<string, unknown>;

/**
 * One chat call capped at `maxTokens`. Newer OpenAI models reject `max_tokens` and want
 * `max_completion_tokens`; cab check sends no cap, so that rejection is not the endpoint's fault and
 * the call is sent once more with the other name.
 */
export async function sendChat(
  ctx: ProbeContext,
  body: ChatBody,
  maxTokens: number,
  signal: AbortSignal,
): Promise<{ data: unknown; response: Response }> {
  const create = (cap: Record<string, number>) =>
    ctx.client.chat.completions
      // biome-ignore lint/suspicious/noExplicitAny: probe bodies (stream_options, raw tool schemas) go beyond the SDK's overloads.
      .create({ ...body, ...cap } as any, { signal })
      .withResponse();
  try {
    return await create({ max_tokens: maxTokens });
  } catch (error) {
    if (!rejectsMaxTokens(error)) throw error;
    return await create({ max_completion_tokens: maxTokens });
  }
}

function rejectsMaxTokens(error: unknown): boolean {
  const { status, message } = (error ?? {}) as { status?: unknown; message?: unknown };
  return (
    status === 400 && /max_tokens/.test(String(message)) && /max_completion_tokens/.test(String(message))
  );
}

/** The token counts of a usage object, or null when it is missing or all zero. */
export function readUsage(usage: unknown): { prompt: number; completion: number } | null {
  const u = (usage ?? {}) as { prompt_tokens?: unknown; completion_tokens?: unknown };
  const prompt = typeof u.prompt_tokens === "number" ? u.prompt_tokens : 0;
  const completion = typeof u.completion_tokens === "number" ? u.completion_tokens : 0;
  return prompt > 0 || completion > 0 ? { prompt, completion } : null;
}

/** Text the model wrote, or null. */
export function textOf(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** Whether a message or delta carries reasoning (DeepSeek / vLLM `reasoning_content`, OpenRouter `reasoning`). */
export function hasReasoning(message: RawMessage | undefined): boolean {
  return textOf(message?.reasoning_content) !== null || textOf(message?.reasoning) !== null;
}
