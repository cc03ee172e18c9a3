import { readFile } from "node:fs/promises";
import { defineCommand } from "citty";
import { CabError, EXIT, UsageError } from "../errors.js";
import { renderColumns } from "../report/columns.js";
import { type CompositeInputs, METHODOLOGY_VERSION, scoreComposite } from "../score/composite.js";
import type { CliCommand } from "./main.js";
import { parseFlags } from "./parse-flags.js";

/** How far a stored composite may be from ours and still count as reproduced (SPEC §5). */
export const DEFAULT_TOLERANCE = 0.0006;

/** A results file `cab score` cannot use: named, with what was expected (exit 2). */
export class ScoreInputError extends CabError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "E_SCORE_INPUT", exitCode: EXIT.usage, ...options });
  }
}

export type ScoreFileShape = "run" | "cell" | "published";

/** One cell as found in the file: who, what, its scorer, and the composite stored beside it. */
export interface ScoreEntry {
  tui: string;
  model: string;
  task_id: string;
  run_index: number | null;
  status: string | null;
  scorer: Record<string, unknown>;
  stored: number | null;
}

export interface RecomputedCell extends Omit<ScoreEntry, "scorer"> {
  inputs: CompositeInputs;
  recomputed: ReturnType<typeof scoreComposite>;
  difference: number | null;
  within_tolerance: boolean | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Recognise run.json, one cells/*.json, or a published-cells file, and list its cells. */
export function readScoreInput(
  json: unknown,
  file: string,
): { shape: ScoreFileShape; entries: ScoreEntry[] } {
  if (isObject(json) && isObject(json.scorer) && isObject(json.run_identity))
    return { shape: "cell", entries: [entryOf(json, 0, file)] };
  if (isObject(json) && Array.isArray(json.cells)) {
    const entries = json.cells.map((cell, i) => entryOf(cell, i, file));
    return { shape: isObject(json.run) ? "run" : "published", entries };
  }
  throw new ScoreInputError(
    `${file} is not a run.json, a cell JSON or a published-cells file: expected "cells" or "scorer" and "run_identity" at the top level`,
  );
}

function entryOf(cell: unknown, index: number, file: string): ScoreEntry {
  const where = `${file}: cell ${index + 1}`;
  if (!isObject(cell) || !isObject(cell.scorer)) throw new ScoreInputError(`${where} has no "scorer" object`);
  const id = isObject(cell.run_identity) ? cell.run_identity : cell;
  const text = (key: string) => {
    if (typeof id[key] !== "string") throw new ScoreInputError(`${where} has no "${key}"`);
    return id[key] as string;
  };
  const composite = isObject(cell.scorer.composite) ? cell.scorer.composite.composite : undefined;
  const stored = typeof cell.published_composite === "number" ? cell.published_composite : composite;
  return {
    tui: text("tui"),
    model: text("model"),
    task_id: text("task_id"),
    run_index: typeof id.run_index === "number" ? id.run_index : null,
    status: typeof cell.status === "string" ? cell.status : null,
    scorer: cell.scorer,
    stored: typeof stored === "number" ? stored : null,
  };
}

/** The composite's inputs from the per-axis values, which are canonical (SPEC §5). */
export function compositeInputsOf(scorer: Json, where: string): CompositeInputs {
  const field = (axis: string, key: string): unknown => {
    const block = scorer[axis];
    return isObject(block) ? block[key] : undefined;
  };
  const number = (axis: string, key: string) => {
    const value = field(axis, key);
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new ScoreInputError(`${where}: scorer.${axis}.${key} is missing or not a number`);
    return value;
  };
  const expectedRefusal = field("refusal", "expected_refusal") === true;
  const correct = field("refusal", "refusal_correct") ?? null;
  if (correct !== null && correct !== "true" && correct !== "partial" && correct !== "false")
    throw new ScoreInputError(
      `${where}: scorer.refusal.refusal_correct must be "true", "partial", "false" or null`,
    );
  return {
    pass: number("pass_rate", "pass"),
    integrity: number("integrity", "integrity"),
    totalTokens: number("tokens", "total_tokens"),
    wallClockMs: number("latency", "wall_clock_ms"),
    blastRadius: number("blast_radius", "blast_radius"),
    expectedRefusal,
    refusalCorrect: correct as CompositeInputs["refusalCorrect"],
    refusalProduced: field("refusal", "refusal_produced") === true,
  };
}

/** Recompute every cell's composite with this methodology and compare with the stored one. */
export function recomputeCells(entries: readonly ScoreEntry[], file: string): RecomputedCell[] {
  return entries.map(({ scorer, ...entry }, i) => {
    const inputs = compositeInputsOf(scorer, `${file}: cell ${i + 1} (${cellLabel(entry)})`);
    const recomputed = scoreComposite(inputs);
    const difference = entry.stored === null ? null : recomputed.composite - entry.stored;
    const within_tolerance = difference === null ? null : Math.abs(difference) <= DEFAULT_TOLERANCE;
    return { ...entry, inputs, recomputed, difference, within_tolerance };
  });
}

function cellLabel(e: Pick<ScoreEntry, "tui" | "model" | "task_id" | "run_index" | "status">): string {
  const run = e.run_index === null ? "" : `#run${e.run_index}`;
  const status = e.status && e.status !== "completed" ? ` (${e.status})` : "";
  return `${e.tui} × ${e.model} · ${e.task_id}${run}${status}`;
}

/** The table `cab score` prints: the inputs used, our composite, the stored one and the difference. */
export function renderScoreTable(cells: readonly RecomputedCell[], shape: ScoreFileShape): string {
  const stored = shape === "published" ? "published" : "stored";
  const header = [
    "cell",
    "pass",
    "integrity",
    "tokens",
    "wall",
    "blast",
    "refusal",
    "composite",
    stored,
    "diff",
  ];
  const rows = cells.map((c) => [
    cellLabel(c),
    String(c.inputs.pass),
    c.inputs.integrity.toFixed(3),
    Math.round(c.inputs.totalTokens).toLocaleString("en-US"),
    `${(c.inputs.wallClockMs / 1000).toFixed(1)}s`,
    c.inputs.blastRadius.toFixed(3),
    c.inputs.expectedRefusal ? (c.inputs.refusalCorrect ?? "none") : "—",
    c.recomputed.composite.toFixed(3),
    c.stored === null ? "—" : c.stored.toFixed(3),
    c.difference === null ? "—" : signed(c.difference),
  ]);
  const compared = cells.filter((c) => c.within_tolerance !== null);
  const off = compared.filter((c) => c.within_tolerance === false);
  const verdict =
    compared.length === 0
      ? `no ${stored} composite to compare`
      : off.length === 0
        ? `all ${compared.length} within ${DEFAULT_TOLERANCE} of the ${stored} composite`
        : `${off.length} of ${compared.length} differ from the ${stored} composite by more than ${DEFAULT_TOLERANCE}`;
  return `${renderColumns(header, rows)}\n\n${cells.length} cell(s) recomputed with methodology ${METHODOLOGY_VERSION} · ${verdict}`;
}

function signed(n: number): string {
  const text = n.toFixed(4);
  if (/^-?0\.0000$/.test(text)) return "0.0000";
  return n > 0 ? `+${text}` : text;
}

async function loadJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder; give run.json or one of its cells/*.json"
          : (error as Error).message;
    throw new ScoreInputError(`cannot read ${file}: ${why}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScoreInputError(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

const definition = defineCommand({
  meta: {
    name: "score",
    description: `Recompute each cell's composite from its per-axis values (methodology ${METHODOLOGY_VERSION}) and compare it with the stored or published one.`,
  },
  args: {
    file: {
      type: "positional",
      description:
        "run.json, one cells/*.json, or a published-cells file ({ cells: [{ tui, model, task_id, scorer }] })",
      valueHint: "FILE",
      required: true,
    },
    json: { type: "boolean", description: "Print the recomputed cells as JSON" },
  },
});

export const scoreCommand: CliCommand = {
  definition,
  epilog: `
EXAMPLES
  cab score results/run.json
  cab score results/cells/local-20260601_builtin_qwen_polyglot_rust-owner-borrow-fix-run1.json --json

EXIT CODES
  0 recomputed (differences are reported, not failed: a methodology change moves them) · 2 unreadable file
`,
  async execute(argv, io) {
    // Every flag of `score` is boolean, so any other argument (or anything after --) is the file.
    const end = argv.includes("--") ? argv.indexOf("--") : argv.length;
    const flags = parseFlags(
      argv.slice(0, end).filter((a) => a.startsWith("-")),
      definition.args as never,
    );
    const [file, extra] = [...argv.slice(0, end).filter((a) => !a.startsWith("-")), ...argv.slice(end + 1)];
    if (file === undefined) throw new UsageError("cab score needs a results file: cab score FILE");
    if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}: cab score takes one file`);
    const { shape, entries } = readScoreInput(await loadJson(file), file);
    const cells = recomputeCells(entries, file);
    if (flags.json) {
      const all_within_tolerance = cells.every((c) => c.within_tolerance !== false);
      const header = { file, shape, methodology_version: METHODOLOGY_VERSION, tolerance: DEFAULT_TOLERANCE };
      io.out(JSON.stringify({ ...header, all_within_tolerance, cells }, null, 2));
      return EXIT.ok;
    }
    io.out(renderScoreTable(cells, shape));
    return EXIT.ok;
  },
};
