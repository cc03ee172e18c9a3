import { attempt, faultDetail, faultResult, quote } from "./attempt.js";
import { hasReasoning, type RawChunk, type RawCompletion, readUsage, sendChat, textOf } from "./chat-call.js";
import { type ProbeContext, type ProbeResult, probeResult } from "./types.js";

const CHAT_MESSAGES = [{ role: "user", content: "Reply with the word ok." }];
/** Enough for "ok"; a reasoning model may spend it thinking, which is reported and not held against it. */
export const CHAT_MAX_TOKENS = 64;

/** Probe 4: a tiny whole (non-streamed) chat call. The reply is kept for the usage probe. */
export async function probeChat(
  ctx: ProbeContext,
): Promise<{ result: ProbeResult; completion: RawCompletion | null }> {
  const model = ctx.model as string;
  const got = await attempt(ctx, (signal) =>
    sendChat(ctx, { model, messages: CHAT_MESSAGES }, CHAT_MAX_TOKENS, signal),
  );
  if (!got.ok) return { result: faultResult(ctx, "chat", got.fault, got.ms), completion: null };
  const completion = (got.data ?? {}) as RawCompletion;
  const choice = completion.choices?.[0];
  const finish = choice?.finish_reason ?? "none";
  const head = `HTTP ${got.status} in ${got.ms} ms, finish_reason ${finish}`;
  const ms = got.ms;
  const text = textOf(choice?.message?.content);
  let result: ProbeResult;
  if (!choice) result = probeResult("chat", "warn", `${head}, but the reply has no choices`, { ms });
  else if (text) result = probeResult("chat", "ok", `${head}, replied ${quote(text, 40)}`, { ms });
  else if (hasReasoning(choice.message)) {
    const note = `no text yet: the model was reasoning when the ${CHAT_MAX_TOKENS}-token cap of this probe ran out (cab check sets no cap)`;
    result = probeResult("chat", "ok", `${head}, ${note}`, { ms });
  } else {
    result = probeResult("chat", "warn", `${head}, but the reply is empty`, {
      ms,
      hint: "the model returned no text for a trivial prompt: check that --model is a chat model",
    });
  }
  return { result, completion };
}

/** Probe 6: whether a whole reply reported token usage. */
export function probeUsage(completion: RawCompletion | null): ProbeResult {
  if (!completion)
    return probeResult("usage", "skip", "skipped: no whole reply came back to read usage from");
  const usage = readUsage(completion.usage);
  if (!usage) {
    return probeResult(
      "usage",
      "warn",
      "the reply has no usage: token axes will be estimated or not recorded",
    );
  }
  return probeResult(
    "usage",
    "ok",
    `reported: ${usage.prompt} prompt + ${usage.completion} completion tokens`,
  );
}

interface StreamSeen {
  chunks: number;
  firstTextMs: number | null;
  finish: string | null;
  usage: unknown;
}

/** Probe 7: the same call streamed with stream_options.include_usage; failures only warn, since cab check streams only with --stream. */
export async function probeStream(ctx: ProbeContext): Promise<ProbeResult> {
  const model = ctx.model as string;
  const started = performance.now();
  const got = await attempt(ctx, async (signal) => {
    const body = { model, messages: CHAT_MESSAGES, stream: true, stream_options: { include_usage: true } };
    const { data, response } = await sendChat(ctx, body, CHAT_MAX_TOKENS, signal);
    const seen: StreamSeen = { chunks: 0, firstTextMs: null, finish: null, usage: null };
    for await (const chunk of data as AsyncIterable<RawChunk>) {
      seen.chunks++;
      if (chunk.usage) seen.usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (choice?.finish_reason) seen.finish = choice.finish_reason;
      const wrote = textOf(choice?.delta?.content) !== null || hasReasoning(choice?.delta);
      if (wrote && seen.firstTextMs === null) seen.firstTextMs = Math.round(performance.now() - started);
    }
    return { data: seen, response };
  });
  const offHint = "cab check streams only with --stream: leave it off for this endpoint";
  if (!got.ok) {
    if (got.fault.kind === "rate_limited") return faultResult(ctx, "stream", got.fault, got.ms);
    return probeResult("stream", "warn", `streaming failed: ${faultDetail(got.fault)}`, {
      ms: got.ms,
      hint: offHint,
    });
  }
  const { chunks, firstTextMs, finish, usage } = got.data;
  const ms = got.ms;
  if (chunks === 0)
    return probeResult("stream", "warn", "the stream carried no chunks", { ms, hint: offHint });
  const first = firstTextMs === null ? "" : ` (first text after ${firstTextMs} ms)`;
  const head = `${chunks} chunks in ${ms} ms${first}`;
  if (!finish) {
    return probeResult("stream", "warn", `${head}, but no finish_reason arrived`, { ms, hint: offHint });
  }
  if (!readUsage(usage)) {
    return probeResult("stream", "warn", `${head}, but no usage in the stream (include_usage ignored)`, {
      ms,
      hint: "with --stream the token axes would be missing: run cab check without --stream (the default)",
    });
  }
  return probeResult("stream", "ok", `${head}, usage in the stream`, { ms });
}
