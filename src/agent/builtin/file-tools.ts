import { lstat, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { resolveWorkspacePath, ToolInputError } from "./workspace-path.js";

/** Largest file read_file returns and write_file/edit_file write. */
export const MAX_READ_BYTES = 256 * 1024;
export const MAX_WRITE_BYTES = 1024 * 1024;

export async function readWorkspaceFile(root: string, args: Record<string, unknown>): Promise<string> {
  const path = await resolveWorkspacePath(root, args.path);
  const info = await lstat(path).catch(() => null);
  if (!info) throw new ToolInputError(`${String(args.path)} does not exist`);
  if (info.isDirectory()) throw new ToolInputError(`${String(args.path)} is a directory; use bash with ls`);
  if (info.size > MAX_READ_BYTES) {
    throw new ToolInputError(
      `${String(args.path)} is ${info.size} bytes, over the ${MAX_READ_BYTES}-byte limit; use bash (head, sed -n) to read part of it`,
    );
  }
  const buffer = await readFile(path);
  if (buffer.includes(0)) throw new ToolInputError(`${String(args.path)} is a binary file`);
  return buffer.toString("utf8");
}

export async function writeWorkspaceFile(root: string, args: Record<string, unknown>): Promise<string> {
  const content = requireString(args, "content");
  if (Buffer.byteLength(content) > MAX_WRITE_BYTES)
    throw new ToolInputError(`content is over the ${MAX_WRITE_BYTES}-byte limit`);
  const path = await resolveWorkspacePath(root, args.path);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return `wrote ${Buffer.byteLength(content)} bytes to ${String(args.path)}`;
}

export async function editWorkspaceFile(root: string, args: Record<string, unknown>): Promise<string> {
  const oldString = requireString(args, "old_string");
  const newString = requireString(args, "new_string");
  if (oldString === "") throw new ToolInputError("old_string must not be empty");
  const text = await readWorkspaceFile(root, args);
  const first = text.indexOf(oldString);
  if (first === -1) throw new ToolInputError(`old_string was not found in ${String(args.path)}`);
  if (text.indexOf(oldString, first + 1) !== -1) {
    throw new ToolInputError(
      `old_string occurs more than once in ${String(args.path)}; include more context`,
    );
  }
  const updated = text.slice(0, first) + newString + text.slice(first + oldString.length);
  if (Buffer.byteLength(updated) > MAX_WRITE_BYTES)
    throw new ToolInputError("the edited file would be over the size limit");
  await writeFile(await resolveWorkspacePath(root, args.path), updated);
  return `edited ${String(args.path)}`;
}

export function requireString(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== "string") throw new ToolInputError(`${name} must be a string`);
  return value;
}
