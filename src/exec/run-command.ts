import { spawn } from "node:child_process";
import { createCapture } from "./capture.js";

/** Grace between SIGTERM and SIGKILL when a command overruns. */
export const DEFAULT_KILL_GRACE_MS = 1_000;
/** Output kept per stream (head + tail) before eliding the middle. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;

export interface RunCommandOptions {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  maxOutputBytes?: number;
  killGraceMs?: number;
}

export interface RunCommandResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  /** Spawning failed (command not found, cwd missing): the message. */
  spawnError: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Run one command in its own process group with stdin closed; on timeout or abort, and always when
 * it exits, the whole group is killed, so grandchildren holding our pipes cannot keep us waiting.
 */
export function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  const { argv, cwd, env, timeoutMs, signal } = options;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const grace = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const started = performance.now();
  const stdout = createCapture(maxBytes);
  const stderr = createCapture(maxBytes);
  let timedOut = false;
  let aborted = false;

  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // group already gone
      }
    };
    const stop = (reason: "timeout" | "abort") => {
      if (reason === "timeout") timedOut = true;
      else aborted = true;
      killGroup("SIGTERM");
      setTimeout(() => killGroup("SIGKILL"), grace).unref();
    };
    const timer = setTimeout(() => stop("timeout"), timeoutMs);
    const onAbort = () => stop("abort");
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));

    let settled = false;
    const finish = (exitCode: number | null, exitSignal: string | null, spawnError: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve({
        exitCode,
        signal: exitSignal,
        timedOut,
        aborted,
        spawnError,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: performance.now() - started,
      });
    };
    child.on("error", (error) => finish(null, null, error.message));
    child.on("exit", (code, exitSignal) => {
      // Leftover background processes would hold the pipes open: end the group, then collect.
      killGroup("SIGKILL");
      const collect = () => finish(code, exitSignal, null);
      child.on("close", collect);
      setTimeout(collect, 200).unref();
    });
  });
}
