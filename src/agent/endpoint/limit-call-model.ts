import type { CallModel } from "../chat-types.js";
import type { AdaptiveLimiter } from "./adaptive-limiter.js";

/** Below this, a wait for the limiter is not worth telling the user about. */
const REPORTED_WAIT_MS = 250;

/** Every model call of every cell goes through the one limiter of its endpoint. */
export function limitCallModel(
  inner: CallModel,
  limiter: AdaptiveLimiter,
  onWait: (waitedMs: number, limit: number) => void = () => {},
): CallModel {
  return async (request, signal) => {
    const waited = await limiter.acquire(signal);
    if (waited >= REPORTED_WAIT_MS) onWait(waited, limiter.state().limit);
    try {
      const reply = await inner(request, signal);
      limiter.release();
      return reply;
    } catch (error) {
      limiter.release(error);
      throw error;
    }
  };
}
