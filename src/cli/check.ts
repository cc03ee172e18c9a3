import type { CallModel } from "../agent/chat-types.js";
import { createAdaptiveLimiter } from "../agent/endpoint/adaptive-limiter.js";
import { createCallModel } from "../agent/endpoint/call-chat.js";
import { createClient } from "../agent/endpoint/create-client.js";
import { limitCallModel } from "../agent/endpoint/limit-call-model.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../agent/endpoint/retry.js";
import type { ModelEndpoint } from "../agent/proxy/start-metering-proxy.js";
import { getTui } from "../agent/tuis.js";
import { missingToolchain } from "../bundle/probe-toolchain.js";
import { resolveBundle } from "../bundle/resolve-bundle.js";
import { selectTasks } from "../bundle/select-tasks.js";
import { DEMO_MODEL, DEMO_TASK_ID } from "../demo/demo-script.js";
import { DEMO_SCRIPTED_TUIS } from "../demo/tui-demo-script.js";
import { ConfigError, EXIT, UsageError } from "../errors.js";
import { resolveSandbox, SANDBOX_CHOICES, type SandboxChoice } from "../exec/sandbox.js";
import { createOutDirWriter } from "../out-dir.js";
import { createRedactor } from "../redact.js";
import { buildRunDocument, type RunDocument, type RunSettings } from "../report/run-document.js";
import { BANNER } from "../report/terminal.js";
import { runCells } from "../run.js";
import { parseShard } from "../shard/shard.js";
import type { CellResult, Task } from "../types.js";
import { CHECK_EPILOG, checkDefinition } from "./check-args.js";
import { freshFlags, prepareFreshRun } from "./fresh.js";
import { failedGates, parseGates } from "./gates.js";
import { onInterrupt } from "./interrupt.js";
import type { CliCommand } from "./main.js";
import { integerFlag, numberFlag, parseFlags } from "./parse-flags.js";
import { printResults } from "./print-results.js";
import { createProgress } from "./progress.js";
import { resolveEndpoint } from "./resolve-endpoint.js";

export const checkCommand: CliCommand = {
  definition: checkDefinition,
  epilog: CHECK_EPILOG,
  async execute(argv, io) {
    const flags = parseFlags(argv, checkDefinition.args as never, new Set(["task", "model", "tui"]));
    const demo = flags.demo === true;
    const endpoint = resolveEndpoint(flags, process.env, demo);
    io.setRedactor(createRedactor(endpoint.secrets));
    const tuis = [...new Set([flags.tui].flat() as string[])].map(getTui);
    const unscripted = tuis.filter((t) => !DEMO_SCRIPTED_TUIS.includes(t.name));
    if (demo && unscripted.length > 0)
      throw new UsageError(
        `--demo scripts ${DEMO_SCRIPTED_TUIS.join(", ")}; not ${unscripted.map((t) => t.name).join(", ")}`,
      );
    const needsEndpoint = tuis.some((t) => t.needsEndpoint);

    const runs = integerFlag("runs", flags.runs as string, 1, 100) as number;
    const concurrency = integerFlag("concurrency", flags.concurrency as string, 1, 64) as number;
    const shard = flags.shard === undefined ? undefined : parseShard(flags.shard as string).label;
    const fresh = freshFlags(flags, demo);
    const timeoutS = numberFlag("timeout", flags.timeout as string | undefined, 1, 24 * 3600) ?? null;
    const maxTurns = integerFlag("max-turns", flags["max-turns"] as string | undefined, 1, 1000) ?? null;
    const gates = parseGates(flags);
    const sandboxChoice = flags.sandbox as SandboxChoice;
    if (!SANDBOX_CHOICES.includes(sandboxChoice))
      throw new UsageError(`--sandbox must be one of ${SANDBOX_CHOICES.join(", ")}, got ${sandboxChoice}`);
    const retryPolicy: RetryPolicy = {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts:
        integerFlag("max-retries", flags["max-retries"] as string | undefined, 1, 100) ??
        DEFAULT_RETRY_POLICY.maxAttempts,
      retryBudgetMs:
        (numberFlag("retry-budget", flags["retry-budget"] as string | undefined, 0, 24 * 3600) ??
          DEFAULT_RETRY_POLICY.retryBudgetMs / 1000) * 1000,
    };
    let models = [flags.model ?? []].flat() as string[];
    if (models.length === 0 && process.env.CAB_MODEL) models = [process.env.CAB_MODEL];
    if (demo) {
      if (models.length > 0) throw new UsageError("--demo uses its own scripted model; drop --model");
      models = [DEMO_MODEL];
    } else if (models.length === 0) {
      if (needsEndpoint)
        throw new UsageError("missing --model (or CAB_MODEL): the model id your endpoint serves");
      models = ["none"];
    }
    if (needsEndpoint && !demo && !endpoint.baseURL) {
      throw new UsageError(
        "missing --endpoint (or CAB_ENDPOINT / OPENAI_BASE_URL), e.g. --endpoint http://127.0.0.1:8000/v1 — or try --demo",
      );
    }

    const loaded = await resolveBundle(flags.bundle as string | undefined, {
      offline: flags.offline === true,
    });
    const patterns = demo ? [DEMO_TASK_ID] : ([flags.task ?? []].flat() as string[]);
    // --fresh: the run's tasks are generated now from the generator tasks --task picks.
    const freshRun = fresh
      ? await prepareFreshRun(fresh, loaded, patterns, {
          sandbox: sandboxChoice,
          out: flags.out as string | undefined,
          io,
        })
      : null;
    if (freshRun === "interrupted") return EXIT.interrupted;
    const bundle = freshRun?.bundle ?? loaded;
    const selected = freshRun ? bundle.tasks : selectTasks(bundle.tasks, patterns);
    const { runnable, skipped } = await splitByToolchain(selected);
    if (patterns.length > 0 && skipped.length > 0) {
      const lines = skipped.map((s) => `${s.task.id}: ${s.reason}`);
      throw new ConfigError(`a requested task cannot run on this machine:\n  ${lines.join("\n  ")}`);
    }

    const sandbox = await resolveSandbox(sandboxChoice);
    if (sandbox.warning) io.err(sandbox.warning);
    // npm TUIs install into the cache on first use: before any cell, so no cell's time includes it.
    for (const tui of tuis) await tui.prepare?.((line) => io.err(line));
    let demoEndpoint: { url: string; close(): Promise<void> } | null = null;
    if (demo) {
      const { startDemoEndpoint } = await import("../demo/demo-endpoint.js");
      demoEndpoint = await startDemoEndpoint();
      io.err(
        `demo: the endpoint at ${demoEndpoint.url} is a script that replays a fixed session, not a model. It answers the first request with HTTP 429 (Retry-After: 1) to show the backoff.`,
      );
    }
    const baseURL = demoEndpoint?.url ?? endpoint.baseURL;
    const progress = createProgress(io, { verbose: flags.verbose === true });
    let callModel: CallModel | null = null;
    let modelEndpoint: ModelEndpoint | null = null;
    if (needsEndpoint && baseURL) {
      callModel = createCallModel(createClient({ baseURL, apiKey: endpoint.key }), {
        stream: flags.stream === true,
      });
      // One limiter for the endpoint, shared by the builtin agent and the TUIs' proxies: 429s shrink the
      // requests in flight for every cell at once.
      const limiter = flags["fixed-concurrency"] === true ? null : createAdaptiveLimiter(concurrency);
      modelEndpoint = {
        baseURL,
        apiKey: endpoint.key,
        host: demoEndpoint ? "demo (loopback script)" : endpoint.host,
        limiter,
      };
      if (limiter) {
        callModel = limitCallModel(callModel, limiter, (waitedMs, limit) =>
          progress({ type: "throttled", waitedMs, limit }),
        );
      }
    }

    const settings: RunSettings = {
      tui: tuis.map((t) => t.name).join(", "),
      tuis: tuis.map((t) => t.name),
      models,
      endpoint_host: demoEndpoint ? "demo (loopback script)" : endpoint.host,
      demo,
      bundle: { source: bundle.source, digest: bundle.digest },
      tasks: selected.map((t) => t.id),
      runs,
      concurrency,
      ...(shard ? { shard } : {}),
      limits: {
        max_turns: maxTurns ?? "task budget",
        timeout_s: timeoutS ?? "task budget",
        retry: retryPolicy,
        stream: flags.stream === true,
        sandbox: sandbox.mode,
        sandbox_detail: sandbox.detail,
      },
    };
    const startedAt = new Date();
    const cells: CellResult[] = [];
    const writer = flags.out
      ? createOutDirWriter(flags.out as string, createRedactor(endpoint.secrets))
      : null;
    const document = (status: RunDocument["run"]["status"], ended: Date | null): RunDocument =>
      buildRunDocument(
        settings,
        { started_at: startedAt.toISOString(), ended_at: ended?.toISOString() ?? null, status },
        cells,
      );

    const controller = new AbortController();
    const stopListening = onInterrupt(() => {
      io.err("interrupted: stopping after writing what was measured (Ctrl-C again to quit at once)");
      controller.abort();
    });
    let finished: CellResult[];
    try {
      await writer?.writeRun(document("running", null), { reports: false });
      await writer?.flush(); // an unwritable --out fails now, before any cell runs
      if (!flags.json) io.out(`${BANNER}\n`);
      finished = await runCells(
        {
          tasks: runnable,
          skipped,
          models,
          tuis,
          runs,
          concurrency,
          bundleDigest: bundle.digest,
          endpointHost: settings.endpoint_host,
          callModel,
          endpoint: modelEndpoint,
          maxTurns,
          timeoutS,
          retryPolicy,
          keepWorkspace: flags["keep-workspace"] === true,
          sandbox: sandbox.mode,
          signal: controller.signal,
          runDate: startedAt,
          ...(shard ? { shard } : {}),
          ...(fresh ? { freshSeed: fresh.seed } : {}),
        },
        (event) => {
          progress(event);
          if (event.type === "cell_end" || event.type === "cell_skipped") {
            cells.push(event.cell);
            // Queued in call order, so the final run.json always lands last.
            void writer?.writeCell(event.cell);
            void writer?.writeRun(document("running", null), { reports: false });
          }
        },
      );
    } finally {
      stopListening();
      await demoEndpoint?.close();
      await freshRun?.cleanup();
    }
    const interrupted = controller.signal.aborted;
    const final = document(interrupted ? "interrupted" : "completed", new Date());
    await writer?.writeRun(final);
    await writer?.flush();

    if (flags.json) io.out(JSON.stringify(final, null, 2));
    else printResults(io, finished, final, flags.out as string | undefined);

    if (interrupted) return EXIT.interrupted;
    if (finished.some((c) => c.status === "infra_error")) return EXIT.infra;
    const failures = failedGates(final.summary, gates);
    for (const line of failures) io.err(line);
    if (failures.length > 0) return EXIT.gateFailed;
    return EXIT.ok;
  },
};

async function splitByToolchain(tasks: Task[]) {
  const runnable: Task[] = [];
  const skipped: { task: Task; reason: string }[] = [];
  for (const task of tasks) {
    const missing = await missingToolchain(task.requires);
    if (missing.length === 0) runnable.push(task);
    else skipped.push({ task, reason: `skipped: ${missing.join(", ")} not found on PATH` });
  }
  return { runnable, skipped };
}
