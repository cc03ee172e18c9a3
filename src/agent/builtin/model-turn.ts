import { createHash } from "node:crypto";
import type { TraceRecorder } from "../../trace-recorder.js";
import type { RunListener } from "../../types.js";
import type { CallModel, ChatReply, ChatRequest } from "../chat-types.js";
import {
  type AttemptRecord,
  type RetryBudget,
  type RetryPolicy,
  type RetryResult,
  withRetry,
} from "../endpoint/retry.js";

export interface ModelTurnContext {
  cellId: string;
  callModel: CallModel;
  retryPolicy: RetryPolicy;
  /** Backoff already spent in this cell (SPEC §3: the budget is per cell). */
  budget: RetryBudget;
  signal: AbortSignal;
  trace: TraceRecorder;
  emit: RunListener;
}

/**
 * One model turn through the retry loop. Every attempt becomes a model_call span and a model-calls row,
 * every backoff a retry_wait span; the sum of attempt latencies comes back as `modelCallMs`.
 */
export async function requestModelTurn(
  context: ModelTurnContext,
  request: ChatRequest,
  turn: number,
): Promise<{ result: RetryResult<ChatReply>; modelCallMs: number }> {
  const { trace, emit, cellId } = context;
  const requestHash = createHash("sha256").update(JSON.stringify(request)).digest("hex").slice(0, 16);
  const starts = new Map<number, number>();
  let modelCallMs = 0;

  const record = (attempt: AttemptRecord, reply?: ChatReply) => {
    modelCallMs += attempt.durationMs;
    const start = starts.get(attempt.attempt) ?? trace.now() - attempt.durationMs;
    const status = reply?.status ?? attempt.status;
    trace.add({
      kind: "model_call",
      name: `model_call:turn${turn}#${attempt.attempt}`,
      start_ms: start,
      end_ms: start + attempt.durationMs,
      attrs: {
        turn,
        attempt: attempt.attempt,
        status,
        outcome: attempt.outcome,
        message: attempt.message,
        request_hash: requestHash,
      },
    });
    trace.addModelCall({
      timestamp: attempt.startedAt,
      request_hash: requestHash,
      prompt_tokens: reply?.usage?.promptTokens ?? null,
      completion_tokens: reply?.usage?.completionTokens ?? null,
      latency_ms: Math.round(attempt.durationMs),
      finish_reason: reply?.finishReason ?? null,
      status,
      attempt: attempt.attempt,
    });
    emit({ type: "model_call_end", cellId, turn, latencyMs: attempt.durationMs, status });
  };

  let succeeded: AttemptRecord | null = null;
  const result = await withRetry(
    (attempt) => {
      starts.set(attempt, trace.now());
      return context.callModel(request, context.signal);
    },
    {
      policy: context.retryPolicy,
      budget: context.budget,
      signal: context.signal,
      // The success row waits for the reply, which carries the tokens and finish reason.
      onAttempt: (attempt) => {
        if (attempt.outcome === "ok") succeeded = attempt;
        else record(attempt);
      },
      onWait: (waitMs, attempt) => {
        trace.add({
          kind: "retry_wait",
          name: `retry_wait:${attempt.status ?? attempt.kind}`,
          start_ms: trace.now(),
          end_ms: trace.now() + waitMs,
          attrs: {
            wait_ms: waitMs,
            status: attempt.status,
            retry_after: attempt.retryAfterRaw,
            source: attempt.delaySource,
          },
        });
        emit({
          type: "retry_wait",
          cellId,
          waitMs,
          status: attempt.status,
          reason: attempt.message ?? attempt.kind ?? "retry",
        });
      },
    },
  );
  if (result.ok && succeeded) record(succeeded, result.value);
  return { result, modelCallMs };
}
