import type { Scorer, Task } from "../types.js";
import { scoreCell } from "./score-cell.js";

/** The scorer of a cell that never ran: nothing changed, nothing checked, no tokens. */
export function emptyScorer(
  task: Pick<Task, "id" | "check" | "expected_changes" | "expected_refusal" | "constraints">,
): Scorer {
  return scoreCell({
    task,
    diff: { added: [], removed: [], modified: [], extraGitDir: false },
    check: null,
    agent: {
      usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, modelCalls: 0 },
      finalMessage: "",
      backoffMs: 0,
      modelCallMs: 0,
    },
    wallClockMs: 0,
    refusalDocuments: [],
    protectedChanged: [],
  });
}
