import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isWithin } from "./bwrap-args.js";

/** Rounds of look-and-stop before the kill: a process forking as fast as it can still ends up frozen. */
const MAX_FREEZE_ROUNDS = 50;

/**
 * Processes of a cell: their working folder is inside one of `roots`, or an environment value
 * (HOME, TMPDIR, PWD, a PATH entry …) points inside one. Only this user's processes can be read.
 */
export function findProcessesIn(roots: readonly string[]): number[] {
  const safe = safeRoots(roots);
  if (safe.length === 0) return [];
  // A path inside a root, however written, still spells the root's last component: normalising only
  // drops components. So an environment without any of those names needs no parsing (most processes).
  const names = safe.map((root) => Buffer.from(basename(root)));
  // Synchronous on purpose: a few hundred tiny reads take a few ms this way, several times that as promises.
  return readdirOrEmpty("/proc")
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid && belongsTo(name, safe, names))
    .map(Number);
}

function belongsTo(pid: string, roots: readonly string[], rootNames: readonly Buffer[]): boolean {
  const cwd = orNull(() => readlinkSync(`/proc/${pid}/cwd`));
  if (cwd && roots.some((root) => isWithin(cwd, root))) return true;
  const environ = orNull(() => readFileSync(`/proc/${pid}/environ`));
  if (!environ || !rootNames.some((name) => environ.includes(name))) return false;
  for (const entry of environ.toString("utf8").split("\0")) {
    const value = entry.slice(entry.indexOf("=") + 1);
    for (const path of value.split(":")) {
      if (isAbsolute(path) && roots.some((root) => isWithin(path, root))) return true;
    }
  }
  return false;
}

/**
 * Stop, then kill, every process found in `roots` plus any `extra` pids (a command's cgroup),
 * looking again until none is left. Returns how many were found alive.
 */
export async function killProcessesIn(
  roots: readonly string[],
  extra: () => Promise<number[]> = async () => [],
): Promise<number> {
  const seen = new Set<number>();
  const look = async () => {
    const listed = [...findProcessesIn(roots), ...(await extra())];
    return [...new Set(listed)].filter((pid) => pid !== process.pid && !isEnding(pid));
  };
  let fresh = await look();
  if (fresh.length === 0) return 0;
  for (let round = 0; round < MAX_FREEZE_ROUNDS && fresh.length > 0; round++) {
    for (const pid of fresh) if (signal(pid, "SIGSTOP")) seen.add(pid);
    fresh = (await look()).filter((pid) => !seen.has(pid));
  }
  for (const pid of seen) signal(pid, "SIGKILL");
  // A killed process stays visible until it has exited; wait for that, killing anything that slipped by.
  for (let round = 0; round < 40; round++) {
    const left = await look();
    if (left.length === 0) break;
    for (const pid of left) if (signal(pid, "SIGKILL") && !seen.has(pid)) seen.add(pid);
    await sleep(25);
  }
  return seen.size;
}

/** Linux's PF_EXITING task flag: the process is already on its way out. */
const PF_EXITING = 0x4;
/** SIGKILL's bit in a pending-signal mask (signal 9). */
const SIGKILL_BIT = 1n << 8n;

/**
 * Gone, exiting, already sent SIGKILL (a sandbox's processes while its PID namespace is torn down),
 * or a zombie its parent has not collected: nothing left to kill, and nothing to count.
 */
function isEnding(pid: number): boolean {
  const stat = orNull(() => readFileSync(`/proc/${pid}/stat`, "utf8"));
  if (stat === null) return true;
  // Fields after "pid (comm) ": state, ppid, pgrp, session, tty_nr, tpgid, flags.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z" || fields[0] === "X" || (Number(fields[6]) & PF_EXITING) !== 0) return true;
  const status = orNull(() => readFileSync(`/proc/${pid}/status`, "utf8")) ?? "";
  return [...status.matchAll(/^(?:SigPnd|ShdPnd):\s*([0-9a-f]+)$/gm)].some(
    (match) => (BigInt(`0x${match[1]}`) & SIGKILL_BIT) !== 0n,
  );
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Roots narrow enough to scan by: never `/`, the user's home, the temp folder itself or a folder
 * holding this process's working folder — scanning by those would kill things that are not the cell's.
 */
function safeRoots(roots: readonly string[]): string[] {
  const broad = [homedir(), tmpdir(), process.cwd()].map((p) => resolve(p));
  return roots
    .filter((root) => isAbsolute(root))
    .map((root) => resolve(root))
    .filter((root) => root !== dirname(root) && !broad.some((path) => isWithin(path, root)));
}

function readdirOrEmpty(dir: string): string[] {
  return orNull(() => readdirSync(dir)) ?? [];
}

function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
