import { createHash } from "node:crypto";

/** A cell's temp folder (`…/cab-cell-XXXXXX`): different on every run, so not part of what is compared. */
const CELL_DIR = /[^\s"'`]*cab-cell-[A-Za-z0-9]{6}/g;
/** Durations printed by test runners and tools ("in 0.03s", "12 ms"): they vary run to run. */
const DURATION = /\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds)\b/g;
/** Durations as fields: TAP/node --test "duration_ms: 8.08", "# duration_ms 12.3", "time=0.01". */
const DURATION_FIELD = /\b(duration_ms|duration|elapsed|time)([\s:=]+)\d+(?:\.\d+)?/gi;

/**
 * `role:hash` of one chat message as the endpoint saw it, for comparing a replayed request with the
 * recorded one. What legitimately differs between two faithful runs is left out: tool-call ids (the
 * agent draws its own), the cell's temp path and printed durations.
 */
export function hashMessage(message: unknown): string {
  const plain = JSON.parse(JSON.stringify(message ?? null)) as Record<string, unknown> | null;
  const role = typeof plain?.role === "string" ? plain.role : "unknown";
  if (plain) {
    delete plain.tool_call_id;
    if (Array.isArray(plain.tool_calls)) {
      plain.tool_calls = plain.tool_calls.map((call: Record<string, unknown>) => {
        const { id: _id, ...rest } = call ?? {};
        return rest;
      });
    }
  }
  return `${role}:${digest(canonicalJson(normalizeStrings(plain)))}`;
}

/** Hash of the tool definitions sent (none under the text protocol). */
export function hashTools(tools: unknown): string {
  return digest(canonicalJson(Array.isArray(tools) ? tools : []));
}

/** Full message hashes of each exchange, undoing the shared-prefix compression of the recording. */
export function expandMessageHashes(requests: readonly { prefix: number; message_hashes: string[] }[]) {
  const full: string[][] = [];
  let previous: string[] = [];
  for (const request of requests) {
    previous = [...previous.slice(0, request.prefix), ...request.message_hashes];
    full.push(previous);
  }
  return full;
}

/** Length of the common prefix of two hash lists. */
export function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function normalizeStrings(value: unknown): unknown {
  if (typeof value === "string")
    return value
      .replace(CELL_DIR, "<cell>")
      .replace(DURATION_FIELD, "$1$2<time>")
      .replace(DURATION, "<time>");
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeStrings(v)]));
  return value;
}

/** JSON with sorted keys, so key order never changes a hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}
