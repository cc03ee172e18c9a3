import { accessSync, constants } from "node:fs";
import { isAbsolute, join } from "node:path";

/**
 * The first executable `name` on a PATH, or null. Synchronous on purpose: a handful of access(2) calls,
 * cheaper than promises, and no process spawned (`cab list` probes every task's toolchain this way).
 * Relative PATH entries are skipped: they would resolve against wherever cab was started.
 */
export function findExecutable(
  name: string,
  pathVariable: string | undefined = process.env.PATH,
): string | null {
  for (const dir of (pathVariable ?? "").split(":")) {
    if (!isAbsolute(dir)) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return null;
}
