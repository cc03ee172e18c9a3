import { APIError } from "openai";
import { describe, expect, it } from "vitest";
import type { EndpointFault } from "../../../src/agent/endpoint/classify-error.js";
import {
  type AttemptRecord,
  DEFAULT_RETRY_POLICY,
  describeRetryStop,
  type RetryBudget,
  type RetryPolicy,
  type RetryResult,
  type WithRetryOptions,
  withRetry,
} from "../../../src/agent/endpoint/retry.js";

const httpError = (status: number, headers: Record<string, string> = {}, message = "server says no") =>
  APIError.generate(status, { error: { message } }, undefined, new Headers(headers));

/** A fake clock: sleeping advances it, so a test covering minutes of waits runs in milliseconds. */
function fakeTime(overrides: Partial<WithRetryOptions> = {}) {
  let clock = Date.parse("2025-06-01T12:00:00Z");
  const sleeps: number[] = [];
  const records: AttemptRecord[] = [];
  const waits: number[] = [];
  const options: WithRetryOptions = {
    policy: DEFAULT_RETRY_POLICY,
    budget: { waitedMs: 0 },
    now: () => clock,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    onAttempt: (record) => records.push(structuredClone(record)),
    onWait: (ms) => waits.push(ms),
    ...overrides,
  };
  return { options, sleeps, records, waits };
}

/** A call that throws the given errors in turn, then returns "done". */
function scripted(...errors: unknown[]) {
  const calls: number[] = [];
  const call = async (attempt: number) => {
    calls.push(attempt);
    const next = errors.shift();
    if (next !== undefined) throw next;
    return "done";
  };
  return { call, calls };
}

describe("withRetry", () => {
  it("returns the value and three attempt records after two 429s", async () => {
    const t = fakeTime();
    const { call, calls } = scripted(
      httpError(429, { "retry-after": "1" }),
      httpError(429, { "retry-after": "2", "x-request-id": "req_2" }),
    );
    const result = await withRetry(call, t.options);
    expect(result).toMatchObject({ ok: true, value: "done" });
    expect(calls).toEqual([1, 2, 3]);
    expect(result.attempts.map((a) => [a.attempt, a.outcome, a.status, a.waitMs])).toEqual([
      [1, "infra", 429, 1_000],
      [2, "infra", 429, 2_000],
      [3, "ok", null, 0],
    ]);
    expect(result.attempts[1]).toMatchObject({
      kind: "rate_limited",
      requestId: "req_2",
      delaySource: "retry-after",
    });
    expect(t.records).toEqual(result.attempts);
    expect(t.waits).toEqual([1_000, 2_000]);
    expect(t.options.budget.waitedMs).toBe(3_000);
  });

  it.each<[string, Record<string, string>, number, string]>([
    ["Retry-After is honoured exactly", { "retry-after": "7" }, 7_000, "retry-after"],
    [
      "retry-after-ms takes precedence",
      { "retry-after": "7", "retry-after-ms": "250" },
      250,
      "retry-after-ms",
    ],
    [
      "x-ratelimit-reset is used when remaining is 0",
      { "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "6s" },
      6_000,
      "x-ratelimit-reset-tokens",
    ],
    [
      "x-ratelimit-reset is ignored while requests remain (jitter instead)",
      { "x-ratelimit-remaining-tokens": "12", "x-ratelimit-reset-tokens": "6s" },
      500,
      "backoff",
    ],
  ])("%s", async (_name, headers, expectedWait, source) => {
    const t = fakeTime();
    const result = await withRetry(scripted(httpError(429, headers)).call, t.options);
    expect(result.ok).toBe(true);
    expect(t.sleeps).toEqual([expectedWait]);
    expect(result.attempts[0]).toMatchObject({ waitMs: expectedWait, delaySource: source });
    expect(result.attempts[0]?.rateLimitHeaders).toEqual(headers);
  });

  it.each([0, 0.25, 0.999999])(
    "full jitter stays within [0, min(cap, base·2^(n-1))) for random() = %d",
    async (r) => {
      const policy: RetryPolicy = {
        ...DEFAULT_RETRY_POLICY,
        maxAttempts: 10,
        retryBudgetMs: Number.POSITIVE_INFINITY,
      };
      const t = fakeTime({ policy, random: () => r });
      const result = await withRetry(async () => Promise.reject(httpError(503)), t.options);
      expect(result).toMatchObject({ ok: false, stop: "attempts_exhausted" });
      const ceilings = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000];
      expect(t.sleeps).toEqual(ceilings.map((ceiling) => Math.floor(r * ceiling)));
      for (const [i, ms] of t.sleeps.entries()) expect(ms).toBeLessThan(ceilings[i] ?? 0);
    },
  );

  it("x-should-retry: false stops a 503", async () => {
    const t = fakeTime();
    const { call, calls } = scripted(httpError(503, { "x-should-retry": "false" }));
    const result = await withRetry(call, t.options);
    expect(result).toMatchObject({
      ok: false,
      stop: "not_retryable",
      fault: { kind: "unavailable", status: 503 },
    });
    expect(calls).toEqual([1]);
    expect(t.sleeps).toEqual([]);
  });

  it("x-should-retry: true retries a 400", async () => {
    const t = fakeTime();
    const { call, calls } = scripted(httpError(400, { "x-should-retry": "true" }));
    const result = await withRetry(call, t.options);
    expect(result).toMatchObject({ ok: true, value: "done" });
    expect(calls).toEqual([1, 2]);
  });

  it("does not retry a 401 and says why", async () => {
    const t = fakeTime();
    const { call, calls } = scripted(httpError(401, {}, "Incorrect API key provided."));
    const result = await withRetry(call, t.options);
    expect(result).toMatchObject({
      ok: false,
      stop: "not_retryable",
      fault: { faultClass: "config", kind: "auth" },
    });
    expect(calls).toEqual([1]);
    expect(t.records).toHaveLength(1);
    expect(describeRetryStop(result)).toBe(
      "The endpoint refused the API key (HTTP 401): Incorrect API key provided. Check --key (or CAB_KEY / OPENAI_API_KEY)",
    );
  });

  it("shares one budget across the model calls of a cell", async () => {
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, retryBudgetMs: 10_000 };
    const budget: RetryBudget = { waitedMs: 0 };
    const limited = () => httpError(429, { "retry-after": "4" });
    const first = await withRetry(scripted(limited(), limited()).call, fakeTime({ policy, budget }).options);
    expect(first.ok).toBe(true);
    expect(budget.waitedMs).toBe(8_000);
    const t = fakeTime({ policy, budget });
    const second = await withRetry(scripted(limited()).call, t.options);
    expect(second).toMatchObject({ ok: false, stop: "budget_exhausted", requestedWaitMs: 4_000 });
    expect(t.sleeps).toEqual([]);
    expect(budget.waitedMs).toBe(8_000);
  });

  it("stops at once when the server asks for more than the per-wait limit", async () => {
    const t = fakeTime();
    const { call, calls } = scripted(httpError(429, { "retry-after": "600" }));
    const result = await withRetry(call, t.options);
    expect(result).toMatchObject({ ok: false, stop: "wait_too_long", requestedWaitMs: 600_000 });
    expect(calls).toEqual([1]);
    expect(t.sleeps).toEqual([]);
    expect(result.attempts).toEqual([expect.objectContaining({ waitMs: 0, retryAfterRaw: "600" })]);
  });

  it("gives up on the 8th attempt with 7 waits", async () => {
    const t = fakeTime();
    const calls: number[] = [];
    const result = await withRetry(async (attempt) => {
      calls.push(attempt);
      throw httpError(429, { "retry-after-ms": "5885.7" });
    }, t.options);
    expect(result).toMatchObject({ ok: false, stop: "attempts_exhausted", requestedWaitMs: null });
    expect(calls).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t.sleeps).toHaveLength(7);
    expect(result.attempts.at(-1)?.waitMs).toBe(0);
    expect(describeRetryStop(result)).toBe(
      "Provider rate limit (HTTP 429): gave up after 8 attempts and 41.2 s of waiting",
    );
  });

  it("passes each record to onAttempt once, after its wait is decided and before the sleep", async () => {
    const events: string[] = [];
    const t = fakeTime({
      onAttempt: (record) => events.push(`attempt ${record.attempt} wait ${record.waitMs}`),
      onWait: (ms) => events.push(`onWait ${ms}`),
      sleep: async (ms) => {
        events.push(`sleep ${ms}`);
      },
    });
    await withRetry(scripted(httpError(503, { "retry-after": "3" })).call, t.options);
    expect(events).toEqual(["attempt 1 wait 3000", "onWait 3000", "sleep 3000", "attempt 2 wait 0"]);
  });

  it("does not call at all when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { call, calls } = scripted();
    const result = await withRetry(call, { ...fakeTime().options, signal: controller.signal });
    expect(result).toMatchObject({
      ok: false,
      stop: "aborted",
      attempts: [],
      fault: { faultClass: "aborted" },
    });
    expect(calls).toEqual([]);
  });

  it("treats a failure after our own abort as aborted, not as the error it looks like", async () => {
    const controller = new AbortController();
    const result = await withRetry(
      async () => {
        controller.abort();
        throw httpError(503);
      },
      { ...fakeTime().options, signal: controller.signal },
    );
    expect(result).toMatchObject({ ok: false, stop: "aborted", fault: { faultClass: "aborted" } });
    expect(result.attempts).toEqual([expect.objectContaining({ outcome: "aborted" })]);
  });

  it("stops within a second when aborted during a real 10 s sleep", async () => {
    const controller = new AbortController();
    const { sleep: _fakeSleep, now: _fakeNow, ...real } = fakeTime().options;
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    const result = await withRetry(scripted(httpError(429, { "retry-after": "10" })).call, {
      ...real,
      signal: controller.signal,
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toMatchObject({
      ok: false,
      stop: "aborted",
      fault: { faultClass: "aborted", kind: "aborted" },
    });
    expect(result.attempts).toEqual([expect.objectContaining({ attempt: 1, waitMs: 10_000 })]);
  });
});

describe("describeRetryStop", () => {
  const rateLimited: EndpointFault = {
    faultClass: "infra",
    kind: "rate_limited",
    status: 429,
    retryable: true,
    message: "The provider rate-limited the request (HTTP 429).",
    headers: null,
    requestId: null,
  };
  const attempt = (waitMs: number) => ({ waitMs }) as AttemptRecord;
  const failed = (
    stop: Exclude<RetryResult<unknown>, { ok: true }>["stop"],
    fault: EndpointFault,
    waits: number[],
    requestedWaitMs: number | null = null,
  ): RetryResult<unknown> => ({ ok: false, stop, fault, attempts: waits.map(attempt), requestedWaitMs });

  it.each<[RetryResult<unknown>, string]>([
    [{ ok: true, value: 1, attempts: [attempt(0)] }, "Succeeded after 1 attempt"],
    [
      failed("budget_exhausted", rateLimited, [100_000, 150_000, 0]),
      "Provider rate limit (HTTP 429): gave up after 3 attempts and 250.0 s of waiting, when the next wait would overrun the retry budget",
    ],
    [
      failed("wait_too_long", rateLimited, [0], 600_000),
      "Provider rate limit (HTTP 429): the server asked to wait 600.0 s, longer than the per-wait limit, after 1 attempt",
    ],
    [
      failed("attempts_exhausted", { ...rateLimited, kind: "unavailable", status: 529 }, [1_000, 0]),
      "Endpoint unavailable or overloaded (HTTP 529): gave up after 2 attempts and 1.0 s of waiting",
    ],
    [
      failed("attempts_exhausted", { ...rateLimited, kind: "connection", status: null }, [500, 0]),
      "Endpoint unreachable (connection failed): gave up after 2 attempts and 0.5 s of waiting",
    ],
    [
      failed("aborted", { ...rateLimited, faultClass: "aborted", kind: "aborted" }, [2_000]),
      "Interrupted after 1 attempt and 2.0 s of waiting",
    ],
  ])("%#: %s", (result, expected) => {
    expect(describeRetryStop(result)).toBe(expected);
  });
});
