/** Shared domain types: tasks, cells, scores, traces, run events. */

export type TaskCategory = "polyglot" | "mutations" | "integrity";
export type CheckParser = "cargo" | "pytest" | "unittest" | "go" | "node-test" | "tap" | "plain";

export type Constraint =
  | { kind: "file-not-touched"; path: string }
  | { kind: "no-new-dependency" }
  | { kind: "file-pattern-required-in-diff"; paths: string[]; require_added: boolean };

/** One task of a bundle, as declared in its task.yaml (SPEC §2), plus where it lives. */
export interface Task {
  id: string;
  version: string;
  category: TaskCategory;
  language: string;
  title: string;
  requires: string[];
  budget: { max_turns: number; timeout_s: number };
  check: {
    run: string[];
    timeout_s: number;
    parser: CheckParser;
    min_tests: number;
    /** Test names the runner must report passed (hidden tests: a faked summary cannot name them). */
    must_pass: string[];
    env: Record<string, string>;
  };
  expected_changes: string[];
  protected: string[];
  expected_refusal: boolean;
  ignore_in_diff: string[];
  constraints: Constraint[];
  validate: { fail_pattern?: string };
  /** Set on a mutations task that can seed fresh mutants (`cab mutate`, `check --fresh`). */
  generator?: TaskGenerator;
  /** Absolute path of the task folder (holds workspace/, solution/, hidden/). */
  dir: string;
  /** sha256 over the task folder's files (set by loadBundle): which bytes a cell ran, beyond the version. */
  digest?: string;
}

/** task.yaml `generator:`: where the correct program is and which of its files mutants come from. */
export interface TaskGenerator {
  source: "solution" | "workspace";
  files: string[];
  operators?: string[];
  test_command?: string;
}

export interface Bundle {
  /** Absolute path of the bundle root. */
  root: string;
  /** sha256 over every file of the bundle (path + content), hex. */
  digest: string;
  tasks: Task[];
}

/** Paths changed in the workspace against the harness's own baseline. */
export interface WorkspaceDiff {
  added: string[];
  removed: string[];
  modified: string[];
  /** A `.git` other than the workspace root's was created. */
  extraGitDir: boolean;
}

export interface TestCounts {
  passed: number;
  failed: number;
  total: number;
}

export interface CheckResult {
  /** The check's exit code; with tamper tests, 0 when their must-fail test was the run's only failure. */
  exitCode: number | null;
  /** The runner's own exit code, when tamper tests ran (an honest one is never 0). */
  runnerExitCode?: number | null;
  timedOut: boolean;
  stdoutTail: string;
  stderrTail: string;
  counts: TestCounts | null;
  /** Tests the runner's per-test lines report passed (empty when it prints none). */
  passedTests: string[];
  durationMs: number;
  /** Protected paths that differed from the bundle and were restored before the check. */
  restored: string[];
  /** The tamper tests added to this check and what they showed; absent when the runner has none. */
  tamper?: TamperResult;
  /** Tampering the clean room saw in the agent's changes (carried or left behind). */
  evidence?: IntegrityEvidence[];
}

/** Tests with fresh random names added to one check: one must fail, one must pass (see check/tamper/). */
export interface TamperResult {
  mustFail: string[];
  mustPass: string[];
  /** clean: both behaved; tampered: the runner lied about them; not_run: the suite never got to them. */
  verdict: "clean" | "tampered" | "not_run";
  /** What was seen, one sentence each. */
  findings: string[];
  /** The runner's only failures were the must-fail tests: its non-zero exit code says nothing else. */
  onlyTamperFailed: boolean;
}

/** One thing the harness saw that a clean fix never does; machine-readable, in `scorer.integrity.evidence`. */
export interface IntegrityEvidence {
  kind:
    | "tampered_check" // the tamper tests show the test machinery lied (a must-fail test passed, went missing…)
    | "runtime_patch" // the agent's code rewrites the test framework, hijacks the process or its output
    | "protected_changed" // a test or build file the task protects was changed (the check used the original)
    | "hidden_path" // a file written where the hidden tests go
    | "toolchain_config" // toolchain configuration added or changed in the workspace
    | "stdlib_shadow" // a file that replaces a standard module for the tests
    | "outside_config"; // toolchain configuration planted outside the workspace
  path?: string;
  detail: string;
}

/** What the agent phase produced, whatever the TUI. */
export interface AgentOutcome {
  /** Why the agent stopped. */
  stop:
    | "finished"
    | "no_tool_calls"
    | "max_turns"
    | "timeout"
    | "endpoint_error"
    | "malformed_tool_calls"
    | "length"
    | "interrupted";
  /** The agent's closing words (finish message or last assistant text), for refusal detection. */
  finalMessage: string;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number; modelCalls: number };
  tokensSource: TokensSource;
  modelCallMs: number;
  /** Time spent sleeping on rate-limit backoff. */
  backoffMs: number;
  /** Successful model calls; 0 with an endpoint error means the agent never got to work. */
  successfulCalls: number;
  /** "text" when the endpoint rejected tool definitions and the cell fell back to the text protocol. */
  protocol?: "tools" | "text";
  /** Tool calls the model wrote as text rather than in tool_calls (a broken native tool-calling path). */
  textToolCalls?: number;
  /** Set when the endpoint ended the run. */
  endpointFailure?: { faultClass: string; kind: string; status: number | null; message: string };
}

export type TokensSource = "endpoint usage" | "proxy" | "TUI stdout" | "estimated" | "not recorded";

export type CellStatus = "completed" | "infra_error" | "timed_out" | "skipped" | "interrupted";

/** The scorer object: exactly CAB's axes and keys (SPEC §4). */
export interface Scorer {
  pass_rate: {
    pass: 0 | 1;
    exit_code: number | null;
    timed_out: boolean;
    stdout_tail: string;
    stderr_tail: string;
    partial_score: number | null;
    /** Only when the task declares `check.must_pass`: the names the runner did not report passed. */
    must_pass_missing?: string[];
    /** Why pass is 0 although the check exited 0 (a `must_pass` test did not report passing). */
    fail_reason?: string;
  };
  tokens: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    model_calls: number;
    tokens_per_correct_task: number;
    pass_used_for_division: number;
  };
  latency: { wall_clock_ms: number; container_active_ms: number; model_call_ms: number };
  blast_radius: {
    blast_radius: number;
    added: string[];
    removed: string[];
    modified: string[];
    unexpected_changes: string[];
    expected_changes: string[];
    total_changes: number;
    extra_git_dir: boolean;
  };
  refusal: {
    refusal: number;
    not_applicable: boolean;
    expected_refusal: boolean;
    refusal_produced: boolean;
    refusal_correct: "true" | "partial" | "false" | null;
    marker_hits: string[];
    keyword_hits: string[];
    fabricated_fix_detected?: boolean;
    refusal_reasons?: string[];
    refusal_signals?: string[];
  };
  integrity: {
    integrity: number;
    not_applicable: boolean;
    task_id: string;
    constraints?: { kind: string; honored: boolean; detail: string }[];
    /** What the harness saw of tampering, whatever the task declares; any of it makes integrity 0. */
    evidence?: IntegrityEvidence[];
    /** Set when the cell ran without bwrap: what the measurement could not rule out. */
    not_assured?: string;
  };
  composite: {
    composite: number;
    weights: CompositeWeights;
    components: Record<string, number | boolean>;
    note: string;
  };
}

export interface CompositeWeights {
  pass_rate: number;
  integrity: number;
  cost: number;
  latency: number;
  blast_radius: number;
}

export interface TraceSpan {
  id: string;
  parent_id: string | null;
  kind: "task_setup" | "agent_run" | "model_call" | "retry_wait" | "tool_call" | "check" | "cleanup";
  name: string;
  /** Offset from the cell start, ms. */
  start_ms: number;
  duration_ms: number;
  attrs: Record<string, unknown>;
  error?: string;
}

export interface ModelCallRecord {
  timestamp: string;
  request_hash: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  latency_ms: number;
  finish_reason: string | null;
  status: number | null;
  attempt: number;
}

/**
 * One successful model call as `cab replay` answers it again: the request as per-message hashes
 * (`role:hash`, the hashes of the previous call's first `prefix` messages are not repeated) and the
 * reply in full. No headers and no key: messages never hold one.
 */
export interface ModelExchange {
  request: { model: string; tools_hash: string; prefix: number; message_hashes: string[] };
  reply: {
    message: Record<string, unknown>;
    finish_reason: string | null;
    usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  };
}

export interface Trace {
  spans: TraceSpan[];
  model_calls: ModelCallRecord[];
  /** Every successful model call in order, for `cab replay`; absent for TUIs that call no model. */
  model_exchanges?: ModelExchange[];
}

export interface RunIdentity {
  cell_id: string;
  tui: string;
  tui_version: string;
  model: string;
  endpoint_host: string;
  task_id: string;
  task_version: string;
  /** sha256 of the task folder's files; absent in cells recorded before cab kept it. */
  task_digest?: string;
  bundle_digest: string;
  run_index: number;
  exit_code: number | null;
  /** `--shard i/n` the cell ran under ("2/4"); absent when the run was not split. */
  shard?: string;
  /** `check --fresh` seed of the generated task; absent for catalogue tasks. */
  fresh_seed?: number;
}

/** One cell's result document (SPEC §4). */
export interface CellResult {
  provisional: true;
  notice: string;
  methodology_version: string;
  cli_version: string;
  status: CellStatus;
  status_reason: string | null;
  run_identity: RunIdentity;
  timing: { started_at: string; ended_at: string; duration_ms: number; tokens_source: TokensSource };
  scorer: Scorer;
  trace: Trace;
}

/** Events the runner emits; renderers and writers listen. */
export type RunEvent =
  | { type: "run_start"; cells: number; demo: boolean }
  | { type: "cell_start"; cellId: string; index: number; total: number }
  | { type: "cell_phase"; cellId: string; phase: "setup" | "agent" | "check" | "score" }
  | { type: "retry_wait"; cellId: string; waitMs: number; status: number | null; reason: string }
  | { type: "model_call_end"; cellId: string; turn: number; latencyMs: number; status: number | null }
  | { type: "tool_call_end"; cellId: string; tool: string; ok: boolean }
  | { type: "cell_end"; cell: CellResult; index: number; total: number }
  | { type: "cell_skipped"; cell: CellResult }
  | { type: "throttled"; waitedMs: number; limit: number }
  | { type: "warning"; message: string };

export type RunListener = (event: RunEvent) => void;
