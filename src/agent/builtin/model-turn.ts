import { createHash } from "node:crypto";
import type { TraceRecorder } from "../../trace-recorder.js";
import type { RunListener } from "../../types.js";
import type { CallModel, ChatReply, ChatRequest } from "../chat-types.js";
import { createAttemptRecorder } from "../endpoint/record-attempts.js";
import { type RetryBudget, type RetryPolicy, type RetryResult, withRetry } from "../endpoint/retry.js";

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
  const recorder = createAttemptRecorder<ChatReply>({
    trace,
    emit,
    cellId,
    turn,
    requestHash,
    label: "turn",
  });
  const result = await withRetry(
    (attempt) => {
      recorder.startAttempt(attempt);
      return context.callModel(request, context.signal);
    },
    {
      policy: context.retryPolicy,
      budget: context.budget,
      signal: context.signal,
      onAttempt: recorder.onAttempt,
      onWait: recorder.onWait,
    },
  );
  if (result.ok) recorder.recordSuccess(result.value);
  const modelCallMs = recorder.modelCallMs();
  return { result, modelCallMs };
}
