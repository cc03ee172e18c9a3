import { findExecutable } from "../exec/find-executable.js";

/** The `requires` entries of a task that are missing here (looked up on PATH: no process spawned). */
export async function missingToolchain(requires: readonly string[]): Promise<string[]> {
  return requires.filter((command) => findExecutable(command) === null);
}
