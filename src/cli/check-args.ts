import { defineCommand } from "citty";
import { DEFAULT_RETRY_POLICY } from "../agent/endpoint/retry.js";
import { CODEX_VERSION } from "../agent/tuis/codex.js";
import { OPENCODE_VERSION } from "../agent/tuis/opencode.js";
import { PI_VERSION } from "../agent/tuis/pi.js";
import { QWEN_CODE_VERSION } from "../agent/tuis/qwen-code.js";
import { BUNDLE_ARGS } from "./bundle-args.js";
import { ENDPOINT_ARGS, ENDPOINT_ENVIRONMENT_HELP } from "./endpoint-args.js";
import { GATE_ARGS } from "./gates.js";

/** `cab check` flags and help: kept apart from what the command does. */
export const checkDefinition = defineCommand({
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
    ...ENDPOINT_ARGS,
    model: {
      type: "string",
      description: "Model id; repeat for several models (env CAB_MODEL)",
      valueHint: "ID",
    },
    tui: {
      type: "string",
      description:
        "Coding agent: builtin; pi, qwen-code, opencode, codex (installed from npm into the cache on first use); aider, goose (when on PATH); oracle / noop (reference solution / do nothing). Repeat to compare TUIs",
      default: "builtin",
      valueHint: "NAME",
    },
    task: {
      type: "string",
      description: "Task id or glob (polyglot/*); repeatable; default: every task whose toolchain is here",
      valueHint: "ID|GLOB",
    },
    ...BUNDLE_ARGS,
    fresh: {
      type: "string",
      description:
        "Generate N new mutation tasks for this run from the generator tasks (--task picks which) and run those; kept under --out/fresh-tasks",
      valueHint: "N",
    },
    seed: {
      type: "string",
      description: "Seed of --fresh: the same seed generates the same tasks (default: random, printed)",
      valueHint: "S",
    },
    runs: { type: "string", description: "Runs per cell (CAB's method is 3)", default: "1", valueHint: "N" },
    shard: {
      type: "string",
      description:
        "Run only part i of n of the cells (tasks × models × TUIs × runs), split by a stable hash: n CI jobs with 1/n … n/n cover every cell once; join their --out folders with cab merge",
      valueHint: "i/n",
    },
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
    ...GATE_ARGS,
    "keep-workspace": {
      type: "boolean",
      description: "Keep each cell's temp workspace and print where it is",
    },
    sandbox: {
      type: "string",
      description:
        "Where agent and check commands run: bwrap (bubblewrap: read-only system, no network, own PID namespace), none, or auto (bwrap when usable)",
      default: "auto",
      valueHint: "auto|bwrap|none",
    },
    verbose: { type: "boolean", description: "Print every model call and tool call on stderr" },
  },
});

export const CHECK_EPILOG = `
EXAMPLES
  cab check --demo
  cab check --endpoint http://127.0.0.1:8000/v1 --model my-model --task polyglot/rust-owner-borrow-fix
  cab check --endpoint "$URL" --key "$KEY" --model a --model b --task 'polyglot/*' --runs 3 --out results/
  cab check --tui oracle --tui noop --task 'mutations/*'          (no endpoint: reference and do-nothing agents)
  cab check --demo --tui pi                                        (a real coding agent against the demo script)
  cab check --endpoint "$URL" --model m --tui builtin --tui opencode --tui codex   (compare coding agents)
  cab check --endpoint "$URL" --model m --fresh 3 --seed 42 --task 'mutations/python-*'   (3 new tasks, repeatable)
  cab check --endpoint "$URL" --model m --shard 2/4 --out out-2   (one job of a 4-way CI matrix; then cab merge)

${ENDPOINT_ENVIRONMENT_HELP}

THIRD-PARTY TUIS
  --tui pi | qwen-code | opencode | codex runs that coding agent, pinned (pi ${PI_VERSION}, qwen-code ${QWEN_CODE_VERSION},
  opencode ${OPENCODE_VERSION}, codex ${CODEX_VERSION}). The first run installs it with npm into
  $XDG_CACHE_HOME/codingagentbench/tuis (default ~/.cache/…): about 205 MB for pi, 57 MB for qwen-code,
  145 MB for opencode, 280 MB for codex; later runs reuse it. Each talks to a loopback proxy that meters
  every model call and holds your key: the agent gets a per-cell key, a private home, no telemetry.
  --tui aider | goose use the command on your PATH.

EXIT CODES
  0 done (and the gates met) · 1 --fail-under or --min-pass not met · 2 usage or configuration error
  3 infrastructure error (endpoint unreachable, key refused, rate limit never cleared) · 130 interrupted

Every score is PROVISIONAL — not for citation.
`;
