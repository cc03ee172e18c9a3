import { defineCommand } from "citty";
import { resolveBundle } from "../bundle/resolve-bundle.js";
import { EXIT, UsageError } from "../errors.js";
import { resolveSandbox, SANDBOX_CHOICES, type SandboxChoice } from "../exec/sandbox.js";
import { loadRecording } from "../replay/load-recording.js";
import { replayCell } from "../replay/replay-cell.js";
import { renderColumns } from "../report/columns.js";
import { BUNDLE_ARGS } from "./bundle-args.js";
import { onInterrupt } from "./interrupt.js";
import type { CliCommand } from "./main.js";
import { parseFlags } from "./parse-flags.js";

const definition = defineCommand({
  meta: {
    name: "replay",
    description:
      "cab replay TRACE — re-run a recorded cell offline: model calls answered from its recording (requests must match in order), tools and check run for real, scores compared axis by axis",
  },
  args: {
    ...BUNDLE_ARGS,
    sandbox: {
      type: "string",
      description: "Where agent and check commands run: bwrap, none, or auto (bwrap when usable)",
      default: "auto",
      valueHint: "auto|bwrap|none",
    },
    json: { type: "boolean", description: "Print the comparison, the drift and the replayed cell as JSON" },
  },
});

const EPILOG = `
TRACE is traces/<cell>.jsonl (model replies from its model_exchange lines, scores from the sibling
cells/<cell>.json) or cells/<cell>.json, from a cab check --out folder. The task must be the
recorded version from a bundle with the recorded digest (the shipped one, or --bundle).

A request is compared with the recorded one message by message (tool-call ids, the cell's temp
path and printed durations aside); the first that differs is reported as drift with its call
number and message. Wall clock and composite depend on time and are shown, not judged.

EXAMPLES
  cab replay results/traces/local-20250101_builtin_my-model_polyglot_python-reverse-string-run1.jsonl
  cab replay results/cells/<cell>.json --bundle ./my-bundle

EXIT CODES
  0 reproduced (no drift, every judged axis the same) · 1 drift or a different score
  2 usage error, unreadable recording, task or bundle not the recorded one · 130 interrupted
`;

export const replayCommand: CliCommand = {
  definition,
  epilog: EPILOG,
  async execute(argv, io) {
    const [file, ...rest] = argv;
    if (!file || file.startsWith("-"))
      throw new UsageError("cab replay needs a recorded cell: cab replay DIR/traces/<cell>.jsonl");
    const flags = parseFlags(rest, definition.args as never);
    const sandboxChoice = flags.sandbox as SandboxChoice;
    if (!SANDBOX_CHOICES.includes(sandboxChoice))
      throw new UsageError(`--sandbox must be one of ${SANDBOX_CHOICES.join(", ")}, got ${sandboxChoice}`);
    const recording = await loadRecording(file);
    const bundle = await resolveBundle(flags.bundle as string | undefined, {
      offline: flags.offline === true,
    });
    const sandbox = await resolveSandbox(sandboxChoice);
    if (sandbox.warning) io.err(sandbox.warning);
    const controller = new AbortController();
    const stop = onInterrupt(() => controller.abort());
    io.err(
      `replaying ${recording.cell.run_identity.cell_id} (${recording.exchanges?.length ?? 0} recorded model call(s))`,
    );
    let result: Awaited<ReturnType<typeof replayCell>>;
    try {
      result = await replayCell({
        recording,
        bundle,
        sandbox: sandbox.mode,
        signal: controller.signal,
        emit: () => {},
      });
    } finally {
      stop();
    }
    if (controller.signal.aborted) return EXIT.interrupted;
    if (flags.json) {
      const { drift, rows, reproduced, replayed } = result;
      io.out(
        JSON.stringify(
          { cell_id: recording.cell.run_identity.cell_id, reproduced, drift, axes: rows, replayed },
          null,
          2,
        ),
      );
    } else {
      const body = result.rows.map((r) => [
        r.axis,
        r.recorded,
        r.replayed,
        r.same === null ? "(timing)" : r.same ? "yes" : "NO",
      ]);
      io.out(renderColumns(["axis", "recorded", "replayed", "same?"], body));
      io.out("");
      const { drift } = result;
      if (drift) io.out(`DRIFT at model call #${drift.call} of ${drift.recordedCalls}: ${drift.detail}`);
      else if (recording.exchanges)
        io.out(`no drift: all ${recording.exchanges.length} model call(s) matched the recording`);
      io.out(result.reproduced ? "REPRODUCED" : "NOT REPRODUCED");
    }
    return result.reproduced ? EXIT.ok : EXIT.gateFailed;
  },
};
