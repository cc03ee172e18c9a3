import { setTimeout as sleepFor } from "node:timers/promises";
import { classifyEndpointError, type EndpointFault, type FaultClass } from "./classify-error.js";
import { pickRateLimitHeaders, retryDelayFromHeaders } from "./rate-limit-headers.js";

/** Limits of the retry loop; each is overridable and printed in the run record. */
export interface RetryPolicy {
  maxAttempts: number;
  retryBudgetMs: number;
  maxSingleWaitMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** SPEC §3: 8 attempts or 300 s of waiting per cell; backoff 1 s base, 60 s cap; a server asking for over 120 s ends the cell. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  retryBudgetMs: 300_000,
  maxSingleWaitMs: 120_000,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/** Waiting already spent in this cell: the budget is per cell, shared by all its model calls. */
export interface RetryBudget {
  waitedMs: number;
}

/** One model call attempt as the trace records it. */
export interface AttemptRecord {
  attempt: number;
  startedAt: string;
  durationMs: number;
  status: number | null;
  outcome: "ok" | FaultClass;
  kind: EndpointFault["kind"] | null;
  message: string | null;
  retryAfterRaw: string | null;
  delaySource: string | null;
  rateLimitHeaders: Record<string, string>;
  waitMs: number;
  requestId: string | null;
}

/** Why the loop ended. */
export type RetryStop =
  | "succeeded"
  | "not_retryable"
  | "attempts_exhausted"
  | "budget_exhausted"
  | "wait_too_long"
  | "aborted";

/** The value, or the last fault and why we stopped; every attempt either way. */
export type RetryResult<T> =
  | { ok: true; value: T; attempts: AttemptRecord[] }
  | {
      ok: false;
      fault: EndpointFault;
      stop: Exclude<RetryStop, "succeeded">;
      attempts: AttemptRecord[];
      requestedWaitMs: number | null;
    };

/** Options of withRetry; random, sleep and now are injectable so tests run without real time. */
export interface WithRetryOptions {
  policy: RetryPolicy;
  budget: RetryBudget;
  signal?: AbortSignal;
  onAttempt?: (record: AttemptRecord) => void;
  onWait?: (waitMs: number, record: AttemptRecord) => void;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

const ABORTED_FAULT: EndpointFault = {
  faultClass: "aborted",
  kind: "aborted",
  status: null,
  retryable: false,
  message: "The request was aborted.",
  headers: null,
  requestId: null,
};

async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await sleepFor(ms, undefined, signal ? { signal } : {});
}

/** Full jitter: uniform in [0, min(cap, base · 2^(attempt-1))), so concurrent cells spread out. */
function backoffMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Run `call` until it succeeds or the policy says stop, classifying each failure and recording every attempt. */
export async function withRetry<T>(
  call: (attempt: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<RetryResult<T>> {
  const { policy, budget, signal } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const attempts: AttemptRecord[] = [];
  const stop = (
    fault: EndpointFault,
    why: Exclude<RetryStop, "succeeded">,
    requestedWaitMs: number | null = null,
  ) => ({ ok: false, fault, stop: why, attempts, requestedWaitMs }) as const;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) return stop(ABORTED_FAULT, "aborted");
    const startMs = now();
    const record: AttemptRecord = {
      attempt,
      startedAt: new Date(startMs).toISOString(),
      durationMs: 0,
      status: null,
      outcome: "ok",
      kind: null,
      message: null,
      retryAfterRaw: null,
      delaySource: null,
      rateLimitHeaders: {},
      waitMs: 0,
      requestId: null,
    };
    const finish = () => {
      attempts.push(record);
      options.onAttempt?.(record);
    };
    let fault: EndpointFault;
    try {
      const value = await call(attempt);
      record.durationMs = now() - startMs;
      finish();
      return { ok: true, value, attempts };
    } catch (err) {
      record.durationMs = now() - startMs;
      // Whatever the call threw once our own signal fired (a reset socket, a TimeoutError), the cause is the abort.
      fault = signal?.aborted ? ABORTED_FAULT : classifyEndpointError(err);
    }
    record.status = fault.status;
    record.outcome = fault.faultClass;
    record.kind = fault.kind;
    record.message = fault.message;
    record.rateLimitHeaders = pickRateLimitHeaders(fault.headers);
    record.requestId = fault.requestId;
    if (fault.faultClass === "aborted") {
      finish();
      return stop(fault, "aborted");
    }
    if (!fault.retryable) {
      finish();
      return stop(fault, "not_retryable");
    }
    const hint = retryDelayFromHeaders(fault.headers, now());
    record.retryAfterRaw = hint.raw;
    record.delaySource = hint.source ?? "backoff";
    if (hint.delayMs !== null && hint.delayMs > policy.maxSingleWaitMs) {
      finish();
      return stop(fault, "wait_too_long", hint.delayMs);
    }
    const delayMs = hint.delayMs ?? backoffMs(policy, attempt, random);
    if (budget.waitedMs + delayMs > policy.retryBudgetMs) {
      finish();
      return stop(fault, "budget_exhausted", delayMs);
    }
    if (attempt >= policy.maxAttempts) {
      finish();
      return stop(fault, "attempts_exhausted");
    }
    record.waitMs = delayMs;
    budget.waitedMs += delayMs;
    finish();
    options.onWait?.(delayMs, record);
    try {
      await sleep(delayMs, signal);
    } catch {
      // The default sleep only rejects on abort; a custom one that rejects is treated the same way.
      return stop(ABORTED_FAULT, "aborted");
    }
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function faultLabel(fault: EndpointFault): string {
  const http = fault.status === null ? "" : ` (HTTP ${fault.status})`;
  switch (fault.kind) {
    case "rate_limited":
      return `Provider rate limit${http}`;
    case "unavailable":
      return `Endpoint unavailable or overloaded${http}`;
    case "timeout":
      return `Endpoint timed out${http}`;
    case "connection":
      return "Endpoint unreachable (connection failed)";
    default:
      return fault.message.replace(/\.$/, "");
  }
}

/**
 * One sentence on how the loop ended, without a final period so the caller can extend it
 * ("… before doing any work. Infra, not capability.").
 */
export function describeRetryStop(result: RetryResult<unknown>): string {
  const tries = plural(result.attempts.length, "attempt");
  if (result.ok) return `Succeeded after ${tries}`;
  const waited = seconds(result.attempts.reduce((sum, record) => sum + record.waitMs, 0));
  const label = faultLabel(result.fault);
  switch (result.stop) {
    case "attempts_exhausted":
      return `${label}: gave up after ${tries} and ${waited} of waiting`;
    case "budget_exhausted":
      return `${label}: gave up after ${tries} and ${waited} of waiting, when the next wait would overrun the retry budget`;
    case "wait_too_long":
      return `${label}: the server asked to wait ${seconds(result.requestedWaitMs ?? 0)}, longer than the per-wait limit, after ${tries}`;
    case "aborted":
      return `Interrupted after ${tries} and ${waited} of waiting`;
    case "not_retryable":
      return result.fault.message.replace(/\.$/, "");
  }
}
