import { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { createAdaptiveLimiter, RECOVERY_MS } from "../../../src/agent/endpoint/adaptive-limiter.js";

const rateLimit = (retryAfter?: string) =>
  APIError.generate(
    429,
    { error: { message: "slow down" } },
    "429",
    new Headers(retryAfter ? { "retry-after": retryAfter } : {}),
  );

describe("adaptive limiter (AIMD)", () => {
  it("admits up to the limit at once and queues the rest", async () => {
    const limiter = createAdaptiveLimiter(2);
    await limiter.acquire();
    await limiter.acquire();
    let third = false;
    const pending = limiter.acquire().then(() => {
      third = true;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    expect(limiter.state()).toEqual({ limit: 2, inFlight: 2, waiting: 1 });
    limiter.release();
    await pending;
    expect(third).toBe(true);
  });

  it("halves on a 429, honours Retry-After before admitting anyone, and grows back only after a quiet spell", async () => {
    let now = 0;
    const limiter = createAdaptiveLimiter(8, () => now);
    for (let i = 0; i < 4; i++) await limiter.acquire();
    limiter.release(rateLimit("2"));
    expect(limiter.state().limit).toBe(4);
    limiter.release(rateLimit());
    expect(limiter.state().limit).toBe(2);
    limiter.release();
    limiter.release();
    let admitted = false;
    const next = limiter.acquire().then(() => {
      admitted = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(admitted).toBe(false); // still inside the 2 s Retry-After
    now = 2_000;
    await new Promise((resolve) => setTimeout(resolve, 30));
    await next;
    expect(admitted).toBe(true);
    limiter.release();
    expect(limiter.state().limit).toBe(2); // within RECOVERY_MS of the last 429: no growth
    now += RECOVERY_MS;
    for (let i = 0; i < 8; i++) {
      await limiter.acquire();
      limiter.release();
    }
    expect(limiter.state().limit).toBe(3);
  });

  it("never drops below one request in flight, and an aborted wait leaves the queue", async () => {
    const limiter = createAdaptiveLimiter(1);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeDefined();
    limiter.release(rateLimit("0"));
    expect(limiter.state()).toEqual({ limit: 1, inFlight: 0, waiting: 0 });
  });
});
