import { UsageError } from "../errors.js";
import type { ParsedFlags } from "./parse-flags.js";

export interface ResolvedEndpoint {
  baseURL: string | null;
  key: string | undefined;
  /** host[:port] only: what the results may say about the endpoint. */
  host: string;
  /** Everything that must never be printed or written: the key and any credentials in the URL. */
  secrets: string[];
}

/** Endpoint and key from flag, then environment (SPEC §1); the URL is checked and given /v1 when it has no path. */
export function resolveEndpoint(flags: ParsedFlags, env: NodeJS.ProcessEnv, demo: boolean): ResolvedEndpoint {
  const flagEndpoint = flags.endpoint as string | undefined;
  const flagKey = flags.key as string | undefined;
  if (demo && (flagEndpoint || flagKey))
    throw new UsageError("--demo uses its own loopback endpoint; drop --endpoint and --key");
  const key = demo ? undefined : (flagKey ?? (env.CAB_KEY || env.OPENAI_API_KEY || undefined));
  const secrets = [key].filter((s): s is string => Boolean(s));
  const raw = demo ? undefined : (flagEndpoint ?? (env.CAB_ENDPOINT || env.OPENAI_BASE_URL || undefined));
  if (!raw) return { baseURL: null, key, host: "none", secrets };

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--endpoint ${raw} is not a URL; expected something like http://127.0.0.1:8000/v1`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--endpoint must be an http:// or https:// URL, got ${url.protocol}`);
  }
  if (url.password) secrets.push(decodeURIComponent(url.password));
  for (const value of url.searchParams.values()) if (value.length >= 8) secrets.push(value);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/v1";
  const baseURL = url.toString().replace(/\/$/, "");
  return { baseURL, key, host: url.host, secrets };
}
