import kleur from "kleur";
import type { RunEvent } from "../types.js";
import type { CliIO } from "./io.js";

/**
 * Live progress on stderr: one plain line per step (CI logs read well), and with --verbose every
 * model and tool call too.
 */
export function createProgress(io: CliIO, options: { verbose: boolean }) {
  const started = new Map<string, number>();
  return (event: RunEvent) => {
    switch (event.type) {
      case "cell_start":
        started.set(event.cellId, performance.now());
        io.err(kleur.dim(`[${event.index + 1}/${event.total}] ${event.cellId}`));
        break;
      case "cell_phase":
        if (options.verbose) io.err(kleur.dim(`  … ${event.phase}`));
        break;
      case "retry_wait":
        io.err(
          kleur.yellow(
            `  ↻ ${event.status ? `HTTP ${event.status}` : "connection error"}: waiting ${(event.waitMs / 1000).toFixed(1)}s before retrying (${event.reason})`,
          ),
        );
        break;
      case "model_call_end":
        if (options.verbose)
          io.err(
            kleur.dim(
              `  model call (turn ${event.turn}): ${event.status ?? "no response"} in ${Math.round(event.latencyMs)} ms`,
            ),
          );
        break;
      case "tool_call_end":
        if (options.verbose) io.err(kleur.dim(`  tool ${event.tool}: ${event.ok ? "ok" : "error"}`));
        break;
      case "cell_end": {
        const cell = event.cell;
        const seconds = (
          (performance.now() - (started.get(cell.run_identity.cell_id) ?? performance.now())) /
          1000
        ).toFixed(1);
        const verdict =
          cell.status === "completed"
            ? cell.scorer.pass_rate.pass === 1
              ? kleur.green("pass")
              : kleur.red("fail")
            : kleur.yellow(cell.status);
        io.err(`  ${verdict} · composite ${cell.scorer.composite.composite.toFixed(3)} · ${seconds}s`);
        break;
      }
      case "cell_skipped":
        io.err(kleur.dim(`  skipped ${event.cell.run_identity.cell_id}: ${event.cell.status_reason}`));
        break;
      case "throttled":
        io.err(
          kleur.yellow(
            `  ⏸ waited ${(event.waitedMs / 1000).toFixed(1)}s for the shared rate limiter (now ${event.limit} request(s) in flight)`,
          ),
        );
        break;
      case "warning":
        io.err(kleur.yellow(`warning: ${event.message}`));
        break;
      case "run_start":
        break;
    }
  };
}
