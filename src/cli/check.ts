import { defineCommand } from "citty";
import type { CallModel } from "../agent/chat-types.js";
import { createAdaptiveLimiter } from "../agent/endpoint/adaptive-limiter.js";
import { createCallModel } from "../agent/endpoint/call-chat.js";
import { createClient } from "../agent/endpoint/create-client.js";
import { limitCallModel } from "../agent/endpoint/limit-call-model.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../agent/endpoint/retry.js";
import { getTui } from "../agent/tuis.js";
import { missingToolchain } from "../bundle/probe-toolchain.js";
import { resolveBundle } from "../bundle/resolve-bundle.js";
import { selectTasks } from "../bundle/select-tasks.js";
import { DEMO_MODEL, DEMO_TASK_ID } from "../demo/demo-script.js";
import { ConfigError, EXIT, UsageError } from "../errors.js";
import { createOutDirWriter } from "../out-dir.js";
import { createRedactor } from "../redact.js";
import { buildRunDocument, type RunDocument, type RunSettings } from "../report/run-document.js";
import { BANNER, renderCellCard, renderCellTable, renderSummary } from "../report/terminal.js";
import { runCells } from "../run.js";
import type { CellResult, Task } from "../types.js";
import { BUNDLE_ARGS } from "./bundle-args.js";
import { onInterrupt } from "./interrupt.js";
import type { CliCommand } from "./main.js";
import { integerFlag, numberFlag, parseFlags } from "./parse-flags.js";
import { createProgress } from "./progress.js";
import { resolveEndpoint } from "./resolve-endpoint.js";

const definition = defineCommand({
  meta: {
    name: "check",
    description:
      "Run tasks against an OpenAI-compatible endpoint with a coding agent and score them (provisional — not for citation).",
  },
  args: {
    demo: {
      type: "boolean",
      description:
        "Run against a built-in scripted endpoint (no key, no network): shows a full cell with one 429 backoff",
    },
    endpoint: {
      type: "string",
      description:
        "Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1 (env CAB_ENDPOINT, OPENAI_BASE_URL)",
      valueHint: "URL",
    },
    key: {
      type: "string",
      description:
        "API key; optional for keyless local servers; never printed or written (env CAB_KEY, OPENAI_API_KEY)",
      valueHint: "KEY",
    },
    model: {
      type: "string",
      description: "Model id; repeat for several models (env CAB_MODEL)",
      valueHint: "ID",
    },
    tui: {
      type: "string",
      description: "Coding agent: builtin, or oracle / noop (reference solution / do nothing)",
      default: "builtin",
      valueHint: "NAME",
    },
    task: {
      type: "string",
      description: "Task id or glob (polyglot/*); repeatable; default: every task whose toolchain is here",
      valueHint: "ID|GLOB",
    },
    ...BUNDLE_ARGS,
    runs: { type: "string", description: "Runs per cell (CAB's method is 3)", default: "1", valueHint: "N" },
    concurrency: { type: "string", description: "Cells run at the same time", default: "1", valueHint: "N" },
    timeout: {
      type: "string",
      description: "Agent time limit per cell in seconds (default: the task's budget)",
      valueHint: "S",
    },
    "max-turns": {
      type: "string",
      description: "Model turns per cell (default: the task's budget)",
      valueHint: "N",
    },
    "max-retries": {
      type: "string",
      description: `Attempts per model call on 429/5xx/connection errors (default ${DEFAULT_RETRY_POLICY.maxAttempts})`,
      valueHint: "N",
    },
    "retry-budget": {
      type: "string",
      description: `Seconds of rate-limit waiting allowed per cell (default ${DEFAULT_RETRY_POLICY.retryBudgetMs / 1000})`,
      valueHint: "S",
    },
    stream: { type: "boolean", description: "Stream responses (SSE) instead of whole replies" },
    "fixed-concurrency": {
      type: "boolean",
      description:
        "Keep --concurrency requests in flight even on 429 (default: halve on 429, grow back slowly)",
    },
    out: {
      type: "string",
      description: "Write run.json, cells/*.json and traces/*.jsonl to this folder",
      valueHint: "DIR",
    },
    json: {
      type: "boolean",
      description: "Print the full result document as JSON on stdout (nothing else goes there)",
    },
    "fail-under": {
      type: "string",
      description: "Exit 1 when the mean composite of scored cells is below X (0–1)",
      valueHint: "X",
    },
    "keep-workspace": {
      type: "boolean",
      description: "Keep each cell's temp workspace and print where it is",
    },
    verbose: { type: "boolean", description: "Print every model call and tool call on stderr" },
  },
});

const EPILOG = `
EXAMPLES
  cab check --demo
  cab check --endpoint http://127.0.0.1:8000/v1 --model my-model --task polyglot/rust-owner-borrow-fix
  cab check --endpoint "$URL" --key "$KEY" --model a --model b --task 'polyglot/*' --out results/

ENVIRONMENT
  CAB_ENDPOINT, OPENAI_BASE_URL   endpoint when --endpoint is not given
  CAB_KEY, OPENAI_API_KEY         key when --key is not given (prefer these: flags show up in ps)
  CAB_MODEL                       model when --model is not given
  HTTPS_PROXY, NO_PROXY           honoured for endpoint calls

EXIT CODES
  0 done (and --fail-under met) · 1 --fail-under not met · 2 usage or configuration error
  3 infrastructure error (endpoint unreachable, key refused, rate limit never cleared) · 130 interrupted

Every score is PROVISIONAL — not for citation.
`;

export const checkCommand: CliCommand = {
  definition,
  epilog: EPILOG,
  async execute(argv, io) {
    const flags = parseFlags(argv, definition.args as never, new Set(["task", "model"]));
    const demo = flags.demo === true;
    const endpoint = resolveEndpoint(flags, process.env, demo);
    io.setRedactor(createRedactor(endpoint.secrets));
    const tui = getTui(flags.tui as string);
    if (demo && tui.name !== "builtin") throw new UsageError("--demo scripts the builtin agent; drop --tui");

    const runs = integerFlag("runs", flags.runs as string, 1, 100) as number;
    const concurrency = integerFlag("concurrency", flags.concurrency as string, 1, 64) as number;
    const timeoutS = numberFlag("timeout", flags.timeout as string | undefined, 1, 24 * 3600) ?? null;
    const maxTurns = integerFlag("max-turns", flags["max-turns"] as string | undefined, 1, 1000) ?? null;
    const failUnder = numberFlag("fail-under", flags["fail-under"] as string | undefined, 0, 1);
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
      if (tui.needsEndpoint)
        throw new UsageError("missing --model (or CAB_MODEL): the model id your endpoint serves");
      models = ["none"];
    }
    if (tui.needsEndpoint && !demo && !endpoint.baseURL) {
      throw new UsageError(
        "missing --endpoint (or CAB_ENDPOINT / OPENAI_BASE_URL), e.g. --endpoint http://127.0.0.1:8000/v1 — or try --demo",
      );
    }

    const bundle = await resolveBundle(flags.bundle as string | undefined, {
      offline: flags.offline === true,
    });
    const patterns = demo ? [DEMO_TASK_ID] : ([flags.task ?? []].flat() as string[]);
    const selected = selectTasks(bundle.tasks, patterns);
    const { runnable, skipped } = await splitByToolchain(selected);
    if (patterns.length > 0 && skipped.length > 0) {
      const lines = skipped.map((s) => `${s.task.id}: ${s.reason}`);
      throw new ConfigError(`a requested task cannot run on this machine:\n  ${lines.join("\n  ")}`);
    }

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
    if (tui.needsEndpoint && baseURL) {
      callModel = createCallModel(createClient({ baseURL, apiKey: endpoint.key }), {
        stream: flags.stream === true,
      });
      if (flags["fixed-concurrency"] !== true) {
        // One limiter for the endpoint: 429s shrink the requests in flight for every cell at once.
        const limiter = createAdaptiveLimiter(concurrency);
        callModel = limitCallModel(callModel, limiter, (waitedMs, limit) =>
          progress({ type: "throttled", waitedMs, limit }),
        );
      }
    }

    const settings: RunSettings = {
      tui: tui.name,
      models,
      endpoint_host: demoEndpoint ? "demo (loopback script)" : endpoint.host,
      demo,
      bundle: { source: bundle.source, digest: bundle.digest },
      tasks: selected.map((t) => t.id),
      runs,
      concurrency,
      limits: {
        max_turns: maxTurns ?? "task budget",
        timeout_s: timeoutS ?? "task budget",
        retry: retryPolicy,
        stream: flags.stream === true,
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
      await writer?.writeRun(document("running", null));
      await writer?.flush(); // an unwritable --out fails now, before any cell runs
      if (!flags.json) io.out(`${BANNER}\n`);
      finished = await runCells(
        {
          tasks: runnable,
          skipped,
          models,
          tui,
          runs,
          concurrency,
          bundleDigest: bundle.digest,
          endpointHost: settings.endpoint_host,
          callModel,
          maxTurns,
          timeoutS,
          retryPolicy,
          keepWorkspace: flags["keep-workspace"] === true,
          signal: controller.signal,
          runDate: startedAt,
        },
        (event) => {
          progress(event);
          if (event.type === "cell_end" || event.type === "cell_skipped") {
            cells.push(event.cell);
            // Queued in call order, so the final run.json always lands last.
            void writer?.writeCell(event.cell);
            void writer?.writeRun(document("running", null));
          }
        },
      );
    } finally {
      stopListening();
      await demoEndpoint?.close();
    }
    const interrupted = controller.signal.aborted;
    const final = document(interrupted ? "interrupted" : "completed", new Date());
    await writer?.writeRun(final);
    await writer?.flush();

    if (flags.json) io.out(JSON.stringify(final, null, 2));
    else printResults(io, finished, final, flags.out as string | undefined);

    if (interrupted) return EXIT.interrupted;
    if (finished.some((c) => c.status === "infra_error")) return EXIT.infra;
    if (failUnder !== undefined) {
      const mean = final.summary.mean_composite ?? 0;
      if (mean < failUnder) {
        io.err(
          `gate failed: mean composite ${mean.toFixed(3)} is below --fail-under ${failUnder} by ${(failUnder - mean).toFixed(3)}`,
        );
        return EXIT.gateFailed;
      }
    }
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

function printResults(
  io: Parameters<CliCommand["execute"]>[1],
  cells: CellResult[],
  document: RunDocument,
  out?: string,
) {
  const ordered = [...cells].sort((a, b) => a.run_identity.cell_id.localeCompare(b.run_identity.cell_id));
  for (const cell of ordered) io.out(`${renderCellCard(cell)}\n`);
  if (ordered.length > 1) io.out(`${renderCellTable(ordered)}\n`);
  io.out(renderSummary(document.summary));
  if (out) io.out(`results written to ${out}/run.json`);
  io.out(BANNER);
}
