import { randomBytes } from "node:crypto";
import type { ModelCallRecord, Trace, TraceSpan } from "./types.js";

/** Collects a cell's spans and model calls, with offsets from the cell start. */
export interface TraceRecorder {
  /** Milliseconds since the cell started. */
  now(): number;
  /** Record a finished span that started at `startMs` (an offset from `now()`). */
  add(
    span: Omit<TraceSpan, "id" | "duration_ms" | "parent_id"> & {
      parent_id?: string | null;
      end_ms?: number;
    },
  ): string;
  /** Time an async step as a span; the span is recorded even when the step throws. */
  time<T>(
    kind: TraceSpan["kind"],
    name: string,
    attrs: Record<string, unknown>,
    step: (spanId: string) => Promise<T>,
    parentId?: string | null,
  ): Promise<T>;
  addModelCall(call: ModelCallRecord): void;
  snapshot(): Trace;
}

export function createTraceRecorder(clock: () => number = () => performance.now()): TraceRecorder {
  const origin = clock();
  const spans: TraceSpan[] = [];
  const modelCalls: ModelCallRecord[] = [];
  const now = () => round(clock() - origin);

  return {
    now,
    add({ end_ms, parent_id = null, ...span }) {
      const id = spanId();
      spans.push({ id, parent_id, ...span, duration_ms: round((end_ms ?? now()) - span.start_ms) });
      return id;
    },
    async time(kind, name, attrs, step, parentId = null) {
      const id = spanId();
      const start = now();
      const span: TraceSpan = { id, parent_id: parentId, kind, name, start_ms: start, duration_ms: 0, attrs };
      spans.push(span);
      try {
        return await step(id);
      } catch (error) {
        span.error = error instanceof Error ? error.message : String(error);
        throw error;
      } finally {
        span.duration_ms = round(now() - start);
      }
    },
    addModelCall(call) {
      modelCalls.push(call);
    },
    snapshot() {
      return { spans: spans.map((s) => ({ ...s })), model_calls: [...modelCalls] };
    },
  };
}

function spanId(): string {
  return randomBytes(8).toString("hex");
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
