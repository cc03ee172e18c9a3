import { describe, expect, it } from "vitest";
import { CabError } from "../../src/errors.js";
import { mergeRuns } from "../../src/merge/merge-runs.js";
import type { RunDir } from "../../src/merge/read-run-dir.js";
import { renderSummaryMarkdown } from "../../src/report/summary-md.js";
import type { CellResult } from "../../src/types.js";
import { makeCell, makeDocument } from "../helpers/make-cell.js";

const STRICT = { allowMixed: false, preferLatest: false };

function source(dir: string, cells: CellResult[], shard?: string): RunDir {
  const document = makeDocument(cells);
  if (shard) document.run.shard = shard;
  return { dir, document };
}

function refusal(run: () => unknown): CabError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CabError);
    return error as CabError;
  }
  throw new Error("expected the merge to be refused");
}

describe("mergeRuns", () => {
  it("joins shards: every cell once, sorted by id, summary recomputed, sources recorded", () => {
    const a = makeCell({ model: "a", pass: 1 });
    const b = makeCell({ model: "b", pass: 0 });
    const c = makeCell({ model: "a", task: "polyglot/python-reverse-string" });
    const { document, origin } = mergeRuns([source("/s2", [b], "2/2"), source("/s1", [a, c], "1/2")], STRICT);
    expect(document.cells.map((x) => x.run_identity.cell_id)).toEqual(
      [a, b, c].map((x) => x.run_identity.cell_id).sort(),
    );
    expect(document.summary).toMatchObject({ cells: 3, passed: 2 });
    expect(document.run.models).toEqual(["b", "a"]);
    expect(document.run.shard).toBeUndefined();
    expect(document.run.merge?.sources.map((s) => s.shard)).toEqual(["2/2", "1/2"]);
    expect(document.run.merge?.notes).toEqual([]);
    expect(origin.get(b.run_identity.cell_id)).toBe("/s2");
  });

  it("keeps an identical duplicate once, with a note", () => {
    const a = makeCell();
    const { document } = mergeRuns([source("/x", [a]), source("/y", [structuredClone(a)])], STRICT);
    expect(document.cells).toHaveLength(1);
    expect(document.run.merge?.notes).toEqual([
      `${a.run_identity.cell_id} is in both /x and /y, identical: kept once`,
    ]);
  });

  it("refuses one cell id with two different results, unless --prefer-latest keeps the later", () => {
    const early = makeCell({ pass: 0 });
    const late = makeCell({ pass: 1 });
    late.timing.ended_at = "2026-06-01T11:00:00.000Z";
    const error = refusal(() => mergeRuns([source("/late", [late]), source("/early", [early])], STRICT));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(`${early.run_identity.cell_id} (in /late and /early)`);
    expect(error.message).toContain("--prefer-latest");
    const { document } = mergeRuns([source("/late", [late]), source("/early", [early])], {
      ...STRICT,
      preferLatest: true,
    });
    expect(document.cells).toEqual([late]);
    expect(document.run.merge?.notes[0]).toMatch(/kept the later one \(\/late\)/);
  });

  it("refuses mixed methodology versions unless --allow-mixed, and then the summary says MIXED", () => {
    const old = makeCell({ model: "a" });
    const next = { ...makeCell({ model: "b" }), methodology_version: "0.2" };
    const error = refusal(() => mergeRuns([source("/old", [old]), source("/new", [next])], STRICT));
    expect(error.message).toMatch(
      /methodology versions differ: 0\.1 \(1 cell\(s\) from \/old\) vs 0\.2 \(1 cell\(s\) from \/new\)/,
    );
    expect(error.message).toContain("--allow-mixed");
    const { document } = mergeRuns([source("/old", [old]), source("/new", [next])], {
      ...STRICT,
      allowMixed: true,
    });
    expect(document.cells).toHaveLength(2);
    expect(document.run.merge?.mixed).toHaveLength(1);
    expect(renderSummaryMarkdown(document)).toContain(
      "> ⚠️ **MIXED — not comparable as one run:** methodology versions differ",
    );
  });

  it("refuses two versions of one task; different tasks at different versions are fine", () => {
    const v1 = makeCell({ model: "a" });
    const v2 = makeCell({ model: "b" });
    v2.run_identity.task_version = "v0.2";
    const other = makeCell({ task: "polyglot/python-reverse-string" });
    other.run_identity.task_version = "v0.9";
    expect(refusal(() => mergeRuns([source("/1", [v1]), source("/2", [v2])], STRICT)).message).toMatch(
      /task polyglot\/js-async-foreach versions differ: v0\.1 .* vs v0\.2/,
    );
    expect(mergeRuns([source("/1", [v1]), source("/3", [other])], STRICT).document.cells).toHaveLength(2);
  });

  it("refuses one task version with different files (task_digest); cells without a digest are not judged", () => {
    const [a, b, old] = [makeCell({ model: "a" }), makeCell({ model: "b" }), makeCell({ model: "c" })];
    a.run_identity.task_digest = "a".repeat(64);
    b.run_identity.task_digest = "b".repeat(64);
    expect(refusal(() => mergeRuns([source("/1", [a]), source("/2", [b])], STRICT)).message).toMatch(
      /task polyglot\/js-async-foreach v0\.1 differs in content: files aaaaaaaaaaaa .* vs files bbbbbbbbbbbb/,
    );
    expect(mergeRuns([source("/1", [a]), source("/3", [old])], STRICT).document.cells).toHaveLength(2);
  });

  it("notes missing shards and the least finished status wins", () => {
    const one = source("/1", [makeCell({ model: "a" })], "1/3");
    const three = source("/3", [makeCell({ model: "b" })], "3/3");
    three.document.run.status = "interrupted";
    const { document } = mergeRuns([one, three], STRICT);
    expect(document.run.merge?.notes).toEqual(["shard(s) 2/3 missing: this merge does not cover every cell"]);
    expect(document.run.status).toBe("interrupted");
    expect(renderSummaryMarkdown(document)).toContain("- shard(s) 2/3 missing");
  });

  it("needs at least one folder", () => {
    expect(refusal(() => mergeRuns([], STRICT)).message).toMatch(/nothing to merge/);
  });
});
