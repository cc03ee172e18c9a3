/** One server-sent event: its `event:` name (null when unnamed) and its `data:` lines joined by "\n". */
export interface SseEvent {
  event: string | null;
  data: string;
}

export interface SseParser {
  /** Feed text as it arrives; returns the events it completed. */
  feed(text: string): SseEvent[];
  /** The stream ended: returns an event left without its closing blank line, if any. */
  end(): SseEvent[];
}

/** An incremental SSE parser (WHATWG rules for lines, comments and fields; id and retry are ignored). */
export function createSseParser(): SseParser {
  let buffer = "";
  let name: string | null = null;
  let data: string[] = [];

  const dispatch = (out: SseEvent[]) => {
    if (data.length > 0) out.push({ event: name, data: data.join("\n") });
    name = null;
    data = [];
  };
  const line = (text: string, out: SseEvent[]) => {
    if (text === "") return dispatch(out);
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") name = value;
  };
  const drain = (final: boolean) => {
    const out: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(buffer);
      if (!match) break;
      // A lone "\r" at the end may be the first half of "\r\n": wait for the next chunk.
      if (match[0] === "\r" && match.index === buffer.length - 1 && !final) break;
      line(buffer.slice(0, match.index), out);
      buffer = buffer.slice(match.index + match[0].length);
    }
    return out;
  };

  return {
    feed(text) {
      buffer += text;
      return drain(false);
    },
    end() {
      const out = drain(true);
      if (buffer !== "") line(buffer, out);
      buffer = "";
      dispatch(out);
      return out;
    },
  };
}

/** The JSON objects carried by `data:` events; "[DONE]" and unparseable data are skipped. */
export function parseDataEvents(events: SseEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const { data } of events) {
    if (data.trim() === "[DONE]") continue;
    try {
      out.push(JSON.parse(data));
    } catch {
      // Keep-alives and vendor noise: the TUI still gets the bytes, the meter ignores them.
    }
  }
  return out;
}
