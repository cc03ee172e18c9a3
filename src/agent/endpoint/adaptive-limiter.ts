import { classifyEndpointError } from "./classify-error.js";
import { retryDelayFromHeaders } from "./rate-limit-headers.js";

/** Shortest pause after a 429 that sent no Retry-After. */
const DEFAULT_COOLDOWN_MS = 1_000;
/** After a 429 the limit holds this long before it may grow again: probing too soon just finds the next 429. */
export const RECOVERY_MS = 5_000;
/** Successes needed per extra slot, per slot in use: growth is this many times slower than TCP's. */
const GROWTH_DIVISOR = 4;

export interface LimiterState {
  limit: number;
  inFlight: number;
  waiting: number;
}

/**
 * One limiter per endpoint, shared by every cell: requests in flight shrink by half on a 429 (and
 * nobody starts a request before its Retry-After has passed), then, after a quiet spell, grow back by
 * one slot per 4 × `limit` successes (AIMD). So cells back off together instead of each hammering the endpoint.
 */
export function createAdaptiveLimiter(maxConcurrency: number, clock: () => number = () => Date.now()) {
  let limit = maxConcurrency;
  let inFlight = 0;
  let cooldownUntil = 0;
  let lastDecrease = Number.NEGATIVE_INFINITY;
  const queue: (() => void)[] = [];

  const wake = () => {
    while (queue.length > 0 && inFlight < Math.floor(limit) && clock() >= cooldownUntil) {
      inFlight++;
      queue.shift()?.();
    }
    if (queue.length > 0 && clock() < cooldownUntil) setTimeout(wake, cooldownUntil - clock()).unref();
  };

  return {
    state: (): LimiterState => ({ limit: Math.floor(limit), inFlight, waiting: queue.length }),

    /** Wait for a slot; resolves to the ms spent waiting. */
    async acquire(signal?: AbortSignal): Promise<number> {
      const started = clock();
      if (queue.length === 0 && inFlight < Math.floor(limit) && clock() >= cooldownUntil) {
        inFlight++;
        return 0;
      }
      await new Promise<void>((resolve, reject) => {
        const entry = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const index = queue.indexOf(entry);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason ?? new Error("aborted"));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(entry);
        wake();
      });
      return clock() - started;
    },

    /** Give the slot back, adapting to how the request went. */
    release(error?: unknown): void {
      inFlight--;
      if (error === undefined) {
        if (clock() - lastDecrease >= RECOVERY_MS) {
          limit = Math.min(maxConcurrency, limit + 1 / (GROWTH_DIVISOR * Math.floor(limit)));
        }
      } else {
        const fault = classifyEndpointError(error);
        if (fault.kind === "rate_limited") {
          limit = Math.max(1, Math.floor(limit / 2));
          lastDecrease = clock();
          const delay = retryDelayFromHeaders(fault.headers, clock()).delayMs ?? DEFAULT_COOLDOWN_MS;
          cooldownUntil = Math.max(cooldownUntil, clock() + delay);
        }
      }
      wake();
    },
  };
}

export type AdaptiveLimiter = ReturnType<typeof createAdaptiveLimiter>;
