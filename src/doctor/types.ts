import type OpenAI from "openai";
import type { HeaderLike } from "../agent/endpoint/rate-limit-headers.js";

/** Seconds one probe may take (one model call, or the whole stream) unless --timeout says otherwise. */
export const DEFAULT_PROBE_TIMEOUT_S = 30;

/** `info` is a line that judges nothing (the sandbox this machine gets). */
export type ProbeStatus = "ok" | "warn" | "fail" | "skip" | "info";

export type ProbeId =
  | "reach"
  | "auth"
  | "models"
  | "chat"
  | "tools"
  | "usage"
  | "stream"
  | "rate_limits"
  | "sandbox";

/** What each probe is called in the checklist, in the order the probes run. */
export const PROBE_TITLES: Record<ProbeId, string> = {
  reach: "reachable",
  auth: "auth",
  models: "models",
  chat: "chat",
  tools: "tool calls",
  usage: "usage",
  stream: "streaming",
  rate_limits: "rate limits",
  sandbox: "sandbox",
};

/** The outcome of one probe: one checklist line. */
export interface ProbeResult {
  id: ProbeId;
  title: string;
  status: ProbeStatus;
  detail: string;
  hint?: string;
  ms?: number;
  /** A failure of the infrastructure (unreachable, key refused, timeout, overload): exit 3, not 1. */
  infra?: boolean;
  /** The endpoint answered 429, so the probe could not test what it is for. */
  rateLimited?: boolean;
}

/** What the probes need: the client is injected so tests can point it at a loopback server. */
export interface DoctorOptions {
  /** An OpenAI client with retries off (createClient). */
  client: OpenAI;
  /** The model to test; without one only reachability, auth and the model list are probed. */
  model: string | null;
  /** Whether a key was given, to tell "key accepted" from "no key needed". */
  keyGiven: boolean;
  timeoutMs: number;
}

/** The options plus what the probes learn on the way: every response's headers, the listed models. */
export interface ProbeContext extends DoctorOptions {
  seenHeaders: HeaderLike[];
  listedModels: string[] | null;
}

/** A result with its checklist title filled in. */
export function probeResult(
  id: ProbeId,
  status: ProbeStatus,
  detail: string,
  extra: Partial<Omit<ProbeResult, "id" | "title" | "status" | "detail">> = {},
): ProbeResult {
  return { id, title: PROBE_TITLES[id], status, detail, ...extra };
}
