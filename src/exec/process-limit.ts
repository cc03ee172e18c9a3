import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { SandboxMode } from "./sandbox.js";

/** Processes and threads one command may have at once: far above any build, far below a fork bomb's. */
export const DEFAULT_MAX_PROCESSES = 4096;

/** The cap in force: CAB_MAX_PROCESSES (64–65536) overrides the default. */
export function maxProcesses(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.CAB_MAX_PROCESSES);
  return Number.isInteger(value) && value >= 64 && value <= 65_536 ? value : DEFAULT_MAX_PROCESSES;
}

/**
 * How the process count is capped here. RLIMIT_NPROC counts per user namespace, so inside bwrap it
 * caps the sandbox alone; the kernel never applies it to root, so root gets a pids cgroup instead.
 */
export type ProcessLimit =
  | { kind: "cgroup"; base: string }
  | { kind: "rlimit"; prlimit: string }
  | { kind: "none"; reason: string };

let probe: Promise<ProcessLimit> | null = null;
let sequence = 0;

/** The way this machine can cap processes; found once per process. */
export function probeProcessLimit(): Promise<ProcessLimit> {
  probe ??= findProcessLimit();
  return probe;
}

async function findProcessLimit(): Promise<ProcessLimit> {
  if (process.getuid?.() !== 0) {
    const prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].find((path) => existsSync(path));
    return prlimit ? { kind: "rlimit", prlimit } : { kind: "none", reason: "prlimit (util-linux) not found" };
  }
  const base = await pidsCgroupBase();
  if (!base) return { kind: "none", reason: "running as root, and no pids cgroup to cap processes" };
  try {
    const cgroup = await createCommandCgroup(base, 8);
    try {
      // Joining is what can fail (cgroup v2's rule against processes in inner cgroups): try it for real.
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn("/bin/sh", ["-c", 'echo $$ > "$0"', cgroup.procsFile], { stdio: "ignore" });
        child.on("error", () => resolve(null));
        child.on("close", resolve);
      });
      if (code !== 0) throw new Error(`cannot join ${cgroup.procsFile}`);
    } finally {
      await cgroup.remove();
    }
    return { kind: "cgroup", base };
  } catch (error) {
    return {
      kind: "none",
      reason: `running as root, and the pids cgroup is not usable: ${(error as Error).message}`,
    };
  }
}

/** The writable pids cgroup folder of this process (v1 `pids` hierarchy, or the v2 root), if any. */
async function pidsCgroupBase(): Promise<string | null> {
  const lines = (await readFile("/proc/self/cgroup", "utf8").catch(() => "")).split("\n");
  const v1 = lines.map((line) => line.split(":")).find((parts) => parts[1]?.split(",").includes("pids"));
  if (v1 && existsSync("/sys/fs/cgroup/pids")) return join("/sys/fs/cgroup/pids", v1[2] ?? "/");
  // cgroup v2: only where the controller is already delegated to children; we change no system setting.
  const enabled = await readFile("/sys/fs/cgroup/cgroup.subtree_control", "utf8").catch(() => "");
  return enabled.split(/\s+/).includes("pids") ? "/sys/fs/cgroup" : null;
}

/** A line about the cap, for `cab doctor` and the run settings. */
export function describeProcessLimit(limit: ProcessLimit, mode: SandboxMode): string {
  if (limit.kind === "cgroup") return `process limit ${maxProcesses()} (pids cgroup)`;
  if (limit.kind === "rlimit" && mode === "bwrap")
    return `process limit ${maxProcesses()} (RLIMIT_NPROC in the sandbox)`;
  if (limit.kind === "rlimit") return "no process limit (RLIMIT_NPROC would count all your processes)";
  return `no process limit: ${limit.reason}`;
}

/** A pids cgroup for one command: join it before exec, list what is left in it, remove it. */
export interface CommandCgroup {
  procsFile: string;
  pids(): Promise<number[]>;
  remove(): Promise<void>;
}

export async function createCommandCgroup(base: string, maxProcesses: number): Promise<CommandCgroup> {
  const dir = join(base, `cab-${process.pid}-${++sequence}`);
  await mkdir(dir);
  try {
    await writeFile(join(dir, "pids.max"), String(maxProcesses));
  } catch (error) {
    await rmdir(dir).catch(() => {});
    throw error;
  }
  const procsFile = join(dir, "cgroup.procs");
  return {
    procsFile,
    async pids() {
      const text = await readFile(procsFile, "utf8").catch(() => "");
      return text.split("\n").filter(Boolean).map(Number);
    },
    async remove() {
      // rmdir fails with EBUSY until the last killed process has exited.
      for (let attempt = 0; attempt < 40; attempt++) {
        try {
          await rmdir(dir);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
          await sleep(25);
        }
      }
    },
  };
}

/** argv that moves itself into the cgroup and then becomes `argv`, so nothing it forks is outside. */
export function joinCgroupArgv(procsFile: string, argv: readonly string[]): string[] {
  return ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', procsFile, ...argv];
}

/** argv with RLIMIT_NPROC set (soft and hard) before `argv` starts. */
export function rlimitArgv(prlimit: string, maxProcesses: number, argv: readonly string[]): string[] {
  return [prlimit, `--nproc=${maxProcesses}:${maxProcesses}`, "--", ...argv];
}
