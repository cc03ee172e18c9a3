import { spawn } from "node:child_process";
import { ConfigError } from "../errors.js";
import { BWRAP_BASE_FLAGS } from "./bwrap-args.js";
import { findExecutable } from "./find-executable.js";
import { describeProcessLimit, probeProcessLimit } from "./process-limit.js";
import { SANDBOX_ENV } from "./scrub-env.js";

/** How commands run: inside bubblewrap, or directly on the machine. */
export type SandboxMode = "bwrap" | "none";
/** What `--sandbox` accepts; `auto` is bwrap when it works here, else none. */
export type SandboxChoice = SandboxMode | "auto";
export const SANDBOX_CHOICES: readonly SandboxChoice[] = ["auto", "bwrap", "none"];
/** What `none` leaves open, for the one warning line. */
export const NOT_ISOLATED_WITHOUT_BWRAP =
  "network, PID namespace (commands see every process, and this one's environment), read-only system";
/** The probe must answer within this; a hung bwrap counts as unusable. */
const PROBE_TIMEOUT_MS = 5_000;

export interface BwrapProbe {
  usable: boolean;
  /** The bwrap that passed the probe, by absolute path (commands' PATH is not trusted to find it). */
  path: string | null;
  /** Why not, in a few words (the first line of bwrap's own error). */
  reason: string;
}

export interface ResolvedSandbox {
  mode: SandboxMode;
  /** The single stderr line owed when commands run without isolation; null under bwrap. */
  warning: string | null;
  /** One line for `cab doctor` and the run settings: the mode and what it isolates. */
  detail: string;
}

let probe: Promise<BwrapProbe> | null = null;

/** Whether bubblewrap can build the sandbox here: runs `bwrap … true` once per process. */
export function probeBwrap(): Promise<BwrapProbe> {
  probe ??= runProbe();
  return probe;
}

function runProbe(): Promise<BwrapProbe> {
  const path = findExecutable("bwrap", process.env.PATH ?? "/usr/bin:/bin");
  if (!path) return Promise.resolve({ usable: false, path: null, reason: "bwrap is not installed" });
  const argv = [...BWRAP_BASE_FLAGS, "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"];
  return new Promise((resolve) => {
    let stderr = "";
    const child = spawn(path, argv, { stdio: ["ignore", "ignore", "pipe"], env: { PATH: "/usr/bin:/bin" } });
    const timer = setTimeout(() => child.kill("SIGKILL"), PROBE_TIMEOUT_MS);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ usable: false, path: null, reason: error.message });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ usable: true, path, reason: "" });
      const first = stderr
        .trim()
        .split("\n")[0]
        ?.replace(/^bwrap: /, "");
      const reason = first || `bwrap … true ended with ${signal ?? `exit code ${code}`}`;
      resolve({ usable: false, path: null, reason });
    });
  });
}

/** Turn `--sandbox` into a mode: `bwrap` that cannot work here is a configuration error. */
export async function resolveSandbox(
  choice: SandboxChoice,
  bwrapProbe: () => Promise<BwrapProbe> = probeBwrap,
): Promise<ResolvedSandbox> {
  const processLimit = await probeProcessLimit();
  const limit = (mode: SandboxMode) => describeProcessLimit(processLimit, mode);
  if (choice === "none") {
    return {
      mode: "none",
      warning: `warning: --sandbox none — not isolated: ${NOT_ISOLATED_WITHOUT_BWRAP}`,
      detail: `none (chosen with --sandbox none; ${limit("none")})`,
    };
  }
  const bwrap = await bwrapProbe();
  if (bwrap.usable) {
    return {
      mode: "bwrap",
      warning: null,
      detail: `bwrap (read-only system, no network, own PID namespace, private home and tmp; ${limit("bwrap")})`,
    };
  }
  if (choice === "bwrap") {
    throw new ConfigError(
      `--sandbox bwrap: bubblewrap cannot build a sandbox here: ${bwrap.reason} (install the bubblewrap package, allow unprivileged user namespaces, or use --sandbox none)`,
    );
  }
  return {
    mode: "none",
    warning: `warning: no sandbox (${bwrap.reason}) — not isolated: ${NOT_ISOLATED_WITHOUT_BWRAP}; install bubblewrap to isolate commands`,
    detail: `none: ${bwrap.reason} (${limit("none")})`,
  };
}

/** The mode a command environment asks for (set by buildCommandEnv); absent means none. */
export function sandboxOf(env: Record<string, string>): SandboxMode {
  return env[SANDBOX_ENV] === "bwrap" ? "bwrap" : "none";
}
