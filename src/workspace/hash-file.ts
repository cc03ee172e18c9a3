import { createHash } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";

/** Files up to this size are read in one piece; larger ones are streamed through the hash. */
export const DEFAULT_WHOLE_READ_MAX_BYTES = 8 * 1024 * 1024;
/** Files up to this size are hashed in full; larger ones (a `truncate -s 3G` file) by size and samples. */
export const DEFAULT_FULL_HASH_MAX_BYTES = 256 * 1024 * 1024;
/** Bytes read at the start, the middle and the end of a file too large to hash in full. */
export const SAMPLE_BYTES = 1024 * 1024;
const STREAM_CHUNK_BYTES = 1024 * 1024;

/**
 * Non-blocking so a fifo swapped in after readdir cannot hang the walk; no-follow so a link swapped in
 * is not read through (both fail or are caught by the fstat below instead).
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** What a file-system entry hashes to when it is not a regular file (a fifo is never opened). */
export function specialHash(
  info: Pick<Stats, "isFIFO" | "isSocket" | "isCharacterDevice" | "isBlockDevice">,
) {
  if (info.isFIFO()) return "special:fifo";
  if (info.isSocket()) return "special:socket";
  if (info.isCharacterDevice()) return "special:char-device";
  if (info.isBlockDevice()) return "special:block-device";
  return "special:other";
}

/**
 * sha256 of a regular file's content, never holding more than DEFAULT_WHOLE_READ_MAX_BYTES of it in memory.
 * Past DEFAULT_FULL_HASH_MAX_BYTES: `sampled:<size>:<sha256 of the size and three samples>`, so a huge or
 * sparse file costs three reads. Something else found at the path hashes as special (see specialHash).
 */
export async function hashFile(path: string | Buffer): Promise<string> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return info.isDirectory() ? "special:directory" : specialHash(info);
    if (info.size <= DEFAULT_WHOLE_READ_MAX_BYTES) return sha256(await readAt(handle, 0, info.size));
    if (info.size <= DEFAULT_FULL_HASH_MAX_BYTES) return await streamHash(handle, info.size);
    return await sampleHash(handle, info.size);
  } finally {
    await handle.close();
  }
}

/** The first `maxBytes` of a regular file as UTF-8, or null when something else is at the path. */
export async function readFileHead(path: string, maxBytes: number): Promise<string | null> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return null;
    return (await readAt(handle, 0, Math.min(info.size, maxBytes))).toString("utf8");
  } finally {
    await handle.close();
  }
}

function sha256(buffer: Buffer): string {
  return createHash("sha256").update(buffer).digest("hex");
}

/** Up to `length` bytes from `position`: fewer if the file is shorter by now. */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

async function streamHash(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash("sha256");
  const chunk = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
  // Only the size fstat saw: a file that keeps growing cannot keep the walk reading.
  for (let position = 0; position < size; ) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - position), position);
    if (bytesRead === 0) break;
    hash.update(chunk.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest("hex");
}

async function sampleHash(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash("sha256").update(`${size}\0`);
  for (const position of [0, Math.floor(size / 2), size - SAMPLE_BYTES])
    hash.update(await readAt(handle, position, SAMPLE_BYTES));
  return `sampled:${size}:${hash.digest("hex")}`;
}
