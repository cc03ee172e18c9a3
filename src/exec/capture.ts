/** Collects a stream's bytes, keeping the first and last halves of `maxBytes` and counting the rest. */
export function createCapture(maxBytes: number) {
  const half = Math.floor(maxBytes / 2);
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let total = 0;
  return {
    push(chunk: Buffer) {
      total += chunk.length;
      if (head.length < half) {
        const room = half - head.length;
        head = Buffer.concat([head, chunk.subarray(0, room)]);
        chunk = chunk.subarray(room);
      }
      if (chunk.length > 0) {
        tail = Buffer.concat([tail, chunk]);
        if (tail.length > maxBytes - half) tail = tail.subarray(tail.length - (maxBytes - half));
      }
    },
    text(): string {
      const elided = total - head.length - tail.length;
      if (elided <= 0) return Buffer.concat([head, tail]).toString("utf8");
      return `${head.toString("utf8")}\n[… ${elided} bytes elided …]\n${tail.toString("utf8")}`;
    },
  };
}

/** The last `maxBytes` of a text, cut at a character boundary (check output tails, SPEC §3). */
export function tailBytes(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, "utf8");
  if (buffer.length <= maxBytes) return text;
  let start = buffer.length - maxBytes;
  // Skip UTF-8 continuation bytes so the tail starts on a whole character.
  while (start < buffer.length && ((buffer[start] as number) & 0xc0) === 0x80) start++;
  return buffer.subarray(start).toString("utf8");
}
