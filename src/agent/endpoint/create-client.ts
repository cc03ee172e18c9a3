import OpenAI from "openai";
import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";

/** Headers arrive quickly even from slow models; a body that stalls this long is a dead connection. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 300_000;
export const DEFAULT_BODY_TIMEOUT_MS = 300_000;

export interface CreateClientOptions {
  baseURL: string;
  apiKey: string | undefined;
  requestTimeoutMs?: number;
}

/**
 * An OpenAI client that never retries on its own (our retry module owns that) and goes through
 * undici with proxy support from HTTPS_PROXY/NO_PROXY, which Node 20's global fetch ignores.
 */
export function createClient({
  baseURL,
  apiKey,
  requestTimeoutMs = DEFAULT_HEADERS_TIMEOUT_MS,
}: CreateClientOptions) {
  const dispatcher = new EnvHttpProxyAgent({
    headersTimeout: DEFAULT_HEADERS_TIMEOUT_MS,
    bodyTimeout: DEFAULT_BODY_TIMEOUT_MS,
  });
  return new OpenAI({
    baseURL,
    // Keyless local servers: the SDK insists on a string, and an unused placeholder reveals nothing.
    apiKey: apiKey || "no-key",
    maxRetries: 0,
    timeout: requestTimeoutMs,
    fetch: undiciFetch as unknown as typeof globalThis.fetch,
    fetchOptions: { dispatcher } as Record<string, unknown>,
  });
}
