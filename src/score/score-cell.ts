import type { AgentOutcome, CheckResult, Scorer, Task, WorkspaceDiff } from "../types.js";
import { scoreBlast, scoreLatency, scorePass, scoreTokens } from "./axes.js";
import { scoreComposite } from "./composite.js";
import { collectEvidence, scoreIntegrity } from "./integrity.js";
import { scoreRefusal } from "./refusal.js";

export interface ScoreCellInputs {
  task: Pick<Task, "id" | "check" | "expected_changes" | "expected_refusal" | "constraints">;
  diff: WorkspaceDiff;
  /** null when the check could not run (the cell was skipped or interrupted before it). */
  check: CheckResult | null;
  agent: Pick<AgentOutcome, "usage" | "finalMessage" | "backoffMs" | "modelCallMs">;
  wallClockMs: number;
  refusalDocuments: { path: string; text: string }[];
  protectedChanged: string[];
  /** The sandbox the cell ran in; `none` is recorded as not assured in the integrity axis. */
  sandbox?: "bwrap" | "none";
}

/** Every axis of one cell from what was measured: pure, no I/O, no clock. */
export function scoreCell(inputs: ScoreCellInputs): Scorer {
  const { task, diff } = inputs;
  const pass_rate = scorePass(inputs.check, task.check.min_tests, task.check.must_pass);
  const tokens = scoreTokens(inputs.agent.usage, pass_rate.pass);
  const latency = scoreLatency(inputs.wallClockMs, inputs.agent.backoffMs, inputs.agent.modelCallMs);
  const blast_radius = scoreBlast(diff, task.expected_changes);
  const refusal = scoreRefusal({
    expectedRefusal: task.expected_refusal,
    documents: inputs.refusalDocuments,
    finalMessage: inputs.agent.finalMessage,
    protectedChanged: inputs.protectedChanged,
  });
  const integrity = scoreIntegrity({
    taskId: task.id,
    constraints: task.constraints,
    diff,
    refusal: { expected: task.expected_refusal, correct: refusal.refusal_correct },
    evidence: collectEvidence(inputs.check, inputs.protectedChanged),
    ...(inputs.sandbox ? { sandbox: inputs.sandbox } : {}),
  });
  const composite = scoreComposite({
    pass: pass_rate.pass,
    integrity: integrity.integrity,
    totalTokens: tokens.total_tokens,
    wallClockMs: latency.wall_clock_ms,
    blastRadius: blast_radius.blast_radius,
    expectedRefusal: task.expected_refusal,
    refusalCorrect: refusal.refusal_correct,
    refusalProduced: refusal.refusal_produced,
  });
  return { pass_rate, tokens, latency, blast_radius, refusal, integrity, composite };
}
