import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { probeBwrap } from "../../src/exec/sandbox.js";

/** Whether this machine can run the bwrap sandbox, probed once for the test file. */
export const bwrap = await probeBwrap();
/** Appended to the name of a test that needs bwrap, so a skip says why. */
export const NEEDS_BWRAP = bwrap.usable ? "" : ` (skipped: bubblewrap not usable here: ${bwrap.reason})`;

/** Alive means signalable and not a zombie waiting to be collected. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Pids of live processes whose command line contains `marker` (seen from outside any sandbox). */
export function processesWithMarker(marker: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, "utf8").includes(marker) && isAlive(Number(name));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A unique-looking sleep duration: `sleep <it>` finds its process again by command line. */
export function markerSeconds(): string {
  return `600.${process.pid}${Math.floor(Math.random() * 1e6)}`;
}

/** Wait up to `ms` for a condition, polling. */
export async function waitFor(condition: () => boolean, ms = 2_000): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}
