const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The UTF-8 length a lead byte announces, or 0 when it cannot start a sequence. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * A file name as the manifest records it: the name itself when its bytes are UTF-8, otherwise each byte
 * that is not part of a valid sequence as `\xHH` and each backslash as `\\` — the same bytes always give
 * the same text, and the text reads in a report. (A UTF-8 name may spell the same text; a model gains
 * nothing from that but one of its own added entries sharing a key with another.)
 */
export function escapeName(name: Buffer): string {
  const decoded = name.toString("utf8");
  if (Buffer.from(decoded).equals(name)) return decoded;
  let text = "";
  for (let i = 0; i < name.length; ) {
    const length = sequenceLength(name[i] ?? 0);
    if (length > 0 && i + length <= name.length) {
      try {
        const piece = strictUtf8.decode(name.subarray(i, i + length));
        text += piece === "\\" ? "\\\\" : piece;
        i += length;
        continue;
      } catch {
        // not a valid sequence: escape its first byte and go on from the next
      }
    }
    text += `\\x${(name[i] ?? 0).toString(16).toUpperCase().padStart(2, "0")}`;
    i += 1;
  }
  return text;
}
