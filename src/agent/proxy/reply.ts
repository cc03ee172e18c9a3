import type { ServerResponse } from "node:http";
import type { ReplySink, UpstreamFailure } from "./forward-request.js";

/** The chat route's sink: the upstream's bytes go to the TUI unchanged, as they arrive. */
export function rawSink(res: ServerResponse): ReplySink {
  return {
    open(status, contentType) {
      res.writeHead(status, { "content-type": contentType, "cache-control": "no-cache" });
      res.flushHeaders();
    },
    write: (bytes) => writeTo(res, bytes),
    async end() {
      await new Promise<void>((resolve) => res.end(resolve));
    },
    abort: () => res.destroy(),
  };
}

/** Write with backpressure; rejects when the TUI has gone, which ends the upstream stream too. */
export async function writeTo(res: ServerResponse, bytes: Uint8Array | string): Promise<void> {
  if (res.destroyed || res.writableEnded) throw new Error("the TUI closed the connection");
  if (bytes.length === 0 || res.write(bytes)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", gone);
      resolve();
    };
    const gone = () => {
      res.off("drain", done);
      reject(new Error("the TUI closed the connection"));
    };
    res.once("drain", done);
    res.once("close", gone);
  });
}

/**
 * The upstream's final answer after the proxy's own retries, as it was; `x-should-retry: false` tells
 * SDK-based TUIs not to retry on top of a retry budget already spent.
 */
export function replayFailure(res: ServerResponse, failure: UpstreamFailure): void {
  if (res.headersSent || res.destroyed) return;
  if (failure.status !== null && failure.body !== null) {
    res.writeHead(failure.status, {
      "content-type": failure.contentType ?? "application/json",
      "x-should-retry": "false",
    });
    res.end(failure.body);
    return;
  }
  sendError(res, 502, `cab proxy: ${failure.message}`, "upstream_error", { "x-should-retry": "false" });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  headers?: Record<string, string>,
) {
  sendJson(res, status, { error: { message, type, code: type } }, headers);
}
