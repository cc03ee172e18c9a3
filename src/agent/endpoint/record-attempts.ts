import type { TraceRecorder } from "../../trace-recorder.js";
import type { RunListener } from "../../types.js";
import type { AttemptRecord } from "./retry.js";

/** What a successful attempt's reply adds to its row: tokens, finish reason and the final status. */
export interface AttemptReply {
  status: number;
  usage: { promptTokens: number; completionTokens: number } | null;
  finishReason: string | null;
}

export interface AttemptRecorderOptions<R extends AttemptReply> {
  trace: TraceRecorder;
  emit: RunListener;
  cellId: string;
  turn: number;
  requestHash: string;
  /** The span name's stem: `model_call:<label><turn>#<attempt>`. */
  label: string;
  /** Span attributes beyond the common ones (they may override them, e.g. the outcome). */
  extraAttrs?: (attempt: AttemptRecord, reply: R | undefined) => Record<string, unknown>;
}

/**
 * The trace of one model request through withRetry, the same for the builtin agent and the metering proxy:
 * per attempt a model_call span, a model-calls row and a model_call_end event; per backoff a retry_wait
 * span and event. A successful attempt is recorded once its reply is in, since the reply carries the tokens.
 */
export function createAttemptRecorder<R extends AttemptReply>(options: AttemptRecorderOptions<R>) {
  const { trace, emit, cellId, turn, requestHash } = options;
  const starts = new Map<number, number>();
  let succeeded: AttemptRecord | null = null;
  let modelCallMs = 0;

  const record = (attempt: AttemptRecord, reply?: R) => {
    modelCallMs += attempt.durationMs;
    const start = starts.get(attempt.attempt) ?? trace.now() - attempt.durationMs;
    const status = reply?.status ?? attempt.status;
    trace.add({
      kind: "model_call",
      name: `model_call:${options.label}${turn}#${attempt.attempt}`,
      start_ms: start,
      end_ms: start + attempt.durationMs,
      attrs: {
        turn,
        attempt: attempt.attempt,
        status,
        outcome: attempt.outcome,
        message: attempt.message,
        request_hash: requestHash,
        ...options.extraAttrs?.(attempt, reply),
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

  return {
    /** Call as an attempt is sent, so its span starts where it really started. */
    startAttempt(attempt: number) {
      starts.set(attempt, trace.now());
    },
    /** withRetry's onAttempt. */
    onAttempt(attempt: AttemptRecord) {
      if (attempt.outcome === "ok") succeeded = attempt;
      else record(attempt);
    },
    /** withRetry's onWait. */
    onWait(waitMs: number, attempt: AttemptRecord) {
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
    /** The successful attempt's row, with what its reply carries. */
    recordSuccess(reply: R) {
      if (succeeded) record(succeeded, reply);
    },
    /** The sum of every recorded attempt's latency. */
    modelCallMs: () => modelCallMs,
  };
}
