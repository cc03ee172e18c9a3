import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { tailBytes } from "../../exec/capture.js";
import { runCellCommand } from "../../exec/run-cell-command.js";
import { buildCommandEnv } from "../../exec/scrub-env.js";
import type { AgentOutcome } from "../../types.js";
import { buildTaskMessage } from "../builtin/prompt.js";
import { startMeteringProxy } from "../proxy/start-metering-proxy.js";
import { TUI_FAILED, type TuiContext } from "../tui.js";
import type { ExternalTuiSpec, TuiLaunch, TuiLaunchInput } from "./external-tui.js";
import { installTui } from "./install-tui.js";
import { startLoopbackRelay } from "./loopback-relay.js";

/** The TUI's stdout is read whole for its final message; a transcript past this is cut in the middle. */
const MAX_TUI_OUTPUT_BYTES = 16 * 1024 * 1024;
/** How much of the TUI's stdout and stderr the trace keeps. */
export const DEFAULT_TUI_OUTPUT_TAIL_BYTES = 16 * 1024;

/**
 * Work one cell with a third-party TUI: a metering proxy in front of the user's endpoint, the TUI started
 * in the workspace with stdin closed, a private home, its config outside the workspace and no key from
 * this environment, under the cell's sandbox and budget. Tokens are the proxy's; the TUI's own report is kept.
 */
export async function runExternalTui(spec: ExternalTuiSpec, context: TuiContext): Promise<AgentOutcome> {
  if (!context.endpoint) throw new Error(`--tui ${spec.name} needs an endpoint`);
  const { workspace } = context;
  const installed = spec.package ? await installTui(spec.package) : null;
  const proxy = await startMeteringProxy({
    endpoint: context.endpoint,
    model: context.model,
    cellId: context.cellId,
    retryPolicy: context.retryPolicy,
    trace: context.trace,
    emit: context.emit,
    signal: context.signal,
    maxCalls: context.maxTurns,
  });
  const bwrap = context.sandbox === "bwrap";
  // Under bwrap the TUI gets an empty network namespace (loopback only): a relay carries its loopback
  // connections to the proxy outside, so it reaches the proxy and nothing else.
  const relay = bwrap ? await startLoopbackRelay(proxy.baseURL, workspace.tmp) : null;
  const attrs: Record<string, unknown> = {
    tui: spec.name,
    tui_version: spec.version,
    ...(spec.versionNote ? { version_note: spec.versionNote } : {}),
    ...(installed ? { install_dir: installed.dir, install_bytes: installed.bytes } : {}),
    sandbox: context.sandbox,
  };
  try {
    const input: TuiLaunchInput = {
      workspaceDir: workspace.dir,
      home: workspace.home,
      tmp: workspace.tmp,
      baseURL: proxy.baseURL,
      apiKey: proxy.localKey,
      model: context.model,
      prompt: await buildTaskMessage(workspace),
      program: spec.program(installed?.dir ?? ""),
    };
    const launch = spec.launch(input);
    await writeLaunchFiles(launch);
    const env = buildTuiEnv(input, launch, context.sandbox);
    const argv = relay ? relay.wrap(launch.argv) : launch.argv;
    attrs.argv = launch.argv.map((arg) => (arg === input.prompt ? "<task prompt>" : arg));
    const result = await context.trace.time("agent_run", `${spec.name} process`, attrs, () =>
      runCellCommand({
        argv,
        cwd: workspace.dir,
        env,
        timeoutMs: context.timeoutMs,
        signal: context.signal,
        maxOutputBytes: MAX_TUI_OUTPUT_BYTES,
        ...(relay ? { bwrap: { readOnly: relay.readOnly(installed?.dir), network: false } } : {}),
      }),
    );
    const report = spec.parseOutput(result.stdout);
    const metered = proxy.outcome();
    Object.assign(attrs, {
      exit_code: result.exitCode,
      signal: result.signal,
      timed_out: result.timedOut,
      tui_final_message: report.finalMessage,
      tui_reported_usage: report.usage,
      proxy_log: proxy.log(),
      stdout_tail: tailBytes(result.stdout, DEFAULT_TUI_OUTPUT_TAIL_BYTES),
      stderr_tail: tailBytes(result.stderr, DEFAULT_TUI_OUTPUT_TAIL_BYTES),
    });
    const requests = proxy.log().filter((entry) => entry.upstream !== "refused").length;
    if (
      result.spawnError ||
      (result.exitCode !== 0 && requests === 0 && !result.timedOut && !result.aborted)
    ) {
      // It never reached the model: a setup problem (a broken install, a flag it rejects), not the model's
      // failure. The cell is an infra error and the run skips this TUI's other cells (run.ts).
      const why = result.spawnError ?? `exit code ${result.exitCode}`;
      const stderr = tailBytes(result.stderr.trim() || result.stdout.trim(), 2000);
      const message = `--tui ${spec.name} ${spec.version} failed before calling the model (${why})${stderr ? `: ${stderr}` : ""}`;
      return {
        ...metered,
        stop: "endpoint_error",
        finalMessage: "",
        endpointFailure: { faultClass: "config", kind: TUI_FAILED, status: null, message },
      };
    }
    const stop: AgentOutcome["stop"] = result.timedOut
      ? "timeout"
      : result.aborted || context.signal.aborted
        ? "interrupted"
        : metered.endpointFailure
          ? "endpoint_error"
          : proxy.budgetSpent()
            ? "max_turns"
            : "finished";
    return { ...metered, stop, finalMessage: report.finalMessage };
  } finally {
    await relay?.close();
    await proxy.close();
  }
}

/**
 * The TUI's environment: the scrubbed command environment (allow-listed, no keys from this process,
 * private HOME/TMPDIR/XDG dirs), no telemetry, plus what the adapter sets.
 */
export function buildTuiEnv(
  input: Pick<TuiLaunchInput, "home" | "tmp">,
  launch: Pick<TuiLaunch, "env">,
  sandbox: TuiContext["sandbox"],
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  return {
    ...buildCommandEnv({ home: input.home, tmpdir: input.tmp, sandbox, source }),
    XDG_DATA_HOME: join(input.home, ".local", "share"),
    XDG_STATE_HOME: join(input.home, ".local", "state"),
    DO_NOT_TRACK: "1",
    ...launch.env,
  };
}

async function writeLaunchFiles(launch: TuiLaunch): Promise<void> {
  for (const file of launch.files) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content, { mode: 0o600 });
  }
}
