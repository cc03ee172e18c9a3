import { dirname } from "node:path";
import { createRedactor } from "../redact.js";
import { type BwrapLayout, buildBwrapArgs, isWithin } from "./bwrap-args.js";
import {
  type CommandCgroup,
  createCommandCgroup,
  joinCgroupArgv,
  maxProcesses,
  probeProcessLimit,
  rlimitArgv,
} from "./process-limit.js";
import { killProcessesIn } from "./reap-processes.js";
import { type RunCommandOptions, type RunCommandResult, runCommand } from "./run-command.js";
import { probeBwrap, type SandboxMode, sandboxOf } from "./sandbox.js";

export type RunCellCommandOptions = Omit<RunCommandOptions, "killGraceMs"> & {
  /** Under bwrap: extra read-only folders and whether to keep the network (a TUI's own process). */
  bwrap?: Pick<BwrapLayout, "readOnly" | "network">;
};

export interface RunCellCommandResult extends RunCommandResult {
  sandbox: SandboxMode;
  /** Processes the command left behind outside its process group (a daemon, a setsid child), killed after it. */
  leftoversKilled: number;
}

/**
 * Run one command of a cell as its environment says (CAB_SANDBOX, HOME, TMPDIR): inside bubblewrap or
 * directly, under the process cap; afterwards kill whatever it left running, wherever it went.
 */
export async function runCellCommand(options: RunCellCommandOptions): Promise<RunCellCommandResult> {
  const { cwd, env } = options;
  const sandbox = sandboxOf(env);
  const roots = [cwd, env.HOME, env.TMPDIR].filter((dir): dir is string => Boolean(dir));
  let argv = [...options.argv];
  const limit = await probeProcessLimit();
  if (sandbox === "bwrap") {
    const { home, tmp } = cellLayout(cwd, env);
    const bwrap = await probeBwrap();
    if (!bwrap.path) throw new Error(`the sandbox is bwrap, but bwrap cannot run here: ${bwrap.reason}`);
    if (limit.kind === "rlimit") argv = rlimitArgv(limit.prlimit, maxProcesses(), argv);
    argv = [bwrap.path, ...buildBwrapArgs({ cwd, home, tmp, env, ...options.bwrap }), "--", ...argv];
  }
  let cgroup: CommandCgroup | null = null;
  if (limit.kind === "cgroup") {
    cgroup = await createCommandCgroup(limit.base, maxProcesses()).catch(() => null);
    if (cgroup) argv = joinCgroupArgv(cgroup.procsFile, argv);
  }
  try {
    const result = await runCommand({ ...options, argv });
    const leftoversKilled = await killProcessesIn(roots, cgroup ? () => cgroup.pids() : undefined);
    const redact = harnessSecretRedactor();
    return {
      ...result,
      stdout: redact(result.stdout),
      stderr: redact(result.stderr),
      sandbox,
      leftoversKilled,
    };
  } finally {
    await cgroup?.remove();
  }
}

/** HOME and TMPDIR must be the cell's own folders, beside the workspace: only those become writable. */
function cellLayout(cwd: string, env: Record<string, string>): { home: string; tmp: string } {
  const cell = dirname(cwd);
  const home = env.HOME;
  const tmp = env.TMPDIR;
  for (const [name, dir] of [
    ["HOME", home],
    ["TMPDIR", tmp],
  ] as const) {
    if (!dir || !isWithin(dir, cell) || dir === cell)
      throw new Error(`refusing to sandbox: ${name} (${dir ?? "unset"}) is not a folder of the cell ${cell}`);
  }
  return { home: home as string, tmp: tmp as string };
}

/**
 * Without a PID namespace a command can read this process's environment from /proc: whatever key
 * it holds is taken out of command output before the model (or a report) sees it.
 */
function harnessSecretRedactor(): (text: string) => string {
  const secrets = Object.entries(process.env)
    .filter(([name, value]) => /KEY|TOKEN|SECRET|PASSWORD|PASSWD/i.test(name) && (value?.length ?? 0) >= 8)
    .map(([, value]) => value);
  return createRedactor(secrets);
}
