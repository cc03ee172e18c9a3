import { readlink, realpath } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

/** Symlinks followed before a path is refused as a loop (Linux's own limit). */
const MAX_SYMLINK_HOPS = 40;

/** A tool path that is not allowed; the message goes back to the model. */
export class ToolInputError extends Error {}

/**
 * Resolve a model-supplied path inside the workspace. The deepest existing ancestor is resolved with
 * realpath, so `..`, absolute paths and symlinks that point outside are all refused.
 */
export async function resolveWorkspacePath(root: string, path: unknown): Promise<string> {
  if (typeof path !== "string" || path.trim() === "")
    throw new ToolInputError("path must be a non-empty string");
  if (isAbsolute(path)) throw new ToolInputError(`path must be relative to the workspace root, got ${path}`);
  const target = resolve(root, path);
  if (!isInside(root, target)) throw new ToolInputError(`path ${path} is outside the workspace`);
  let existing = target;
  let rest = "";
  let hops = 0;
  for (;;) {
    try {
      const real = await realpath(existing);
      const resolved = rest ? resolve(real, rest) : real;
      if (!isInside(root, resolved)) throw new ToolInputError(`path ${path} leads outside the workspace`);
      return resolved;
    } catch (error) {
      if (error instanceof ToolInputError) throw error;
      // A dangling symlink: writing through it creates its target, so judge where it points.
      const link = await readlink(existing).catch(() => null);
      if (link !== null) {
        if (++hops > MAX_SYMLINK_HOPS) throw new ToolInputError(`path ${path} has a symlink loop`);
        existing = resolve(await realpath(dirname(existing)), link);
        continue;
      }
      const parent = dirname(existing);
      if (parent === existing) throw new ToolInputError(`path ${path} cannot be resolved`);
      rest = rest ? `${existing.slice(parent.length + 1)}${sep}${rest}` : existing.slice(parent.length + 1);
      existing = parent;
    }
  }
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
