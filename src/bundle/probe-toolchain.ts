import { access, constants } from "node:fs/promises";
import { delimiter, join } from "node:path";

/** Whether an executable is on PATH (no process spawned: `list` stays fast). */
export async function isOnPath(command: string, path = process.env.PATH ?? ""): Promise<boolean> {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    try {
      await access(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** The `requires` entries of a task that are missing here. */
export async function missingToolchain(requires: readonly string[]): Promise<string[]> {
  const present = await Promise.all(requires.map((r) => isOnPath(r)));
  return requires.filter((_, i) => !present[i]);
}
