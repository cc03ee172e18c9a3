import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { type FakeEndpoint, type FakeStep, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { runCli } from "../helpers/run-cli.js";

const FIX = {
  path: "src/save-all.mjs",
  old_string: "  items.forEach(async (i) => {\n    await store.save(i);\n  });",
  new_string: "  for (const i of items) {\n    await store.save(i);\n  }",
};
const SKILLED: FakeStep[] = [
  { toolCalls: [{ name: "edit_file", arguments: FIX }] },
  { toolCalls: [{ name: "finish", arguments: { message: "awaited each save" } }] },
];
const CARELESS: FakeStep[] = [
  { toolCalls: [{ name: "finish", arguments: { message: "looks fine to me" } }] },
];

let endpoint: FakeEndpoint | null = null;
let outDir: string | null = null;
afterAll(async () => {
  await endpoint?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("two models, three runs each: every artefact", () => {
  it("writes run.json, cells, traces, report.html, summary.md, junit.xml and badges, with a comparison", async () => {
    endpoint = await startFakeEndpoint({
      respond: (request) => {
        const turn = (request.body.messages ?? []).filter((m) => m.role === "assistant").length;
        return (request.body.model === "skilled" ? SKILLED : CARELESS)[turn] ?? CARELESS[0];
      },
    });
    outDir = await mkdtemp(join(tmpdir(), "cab-reports-"));
    const run = await runCli([
      "check",
      "--endpoint",
      endpoint.url,
      "--model",
      "skilled",
      "--model",
      "careless",
      "--task",
      "polyglot/js-async-foreach",
      "--runs",
      "3",
      "--concurrency",
      "2",
      "--out",
      outDir,
    ]);
    expect(run.code, run.stderr).toBe(0);
    // The terminal shows one comparison row per model.
    expect(run.stdout).toMatch(/builtin × skilled\s+3\/3 \(100%\)/);
    expect(run.stdout).toMatch(/builtin × careless\s+0\/3 \(0%\)/);

    const files = (await readdir(outDir, { recursive: true })).map(String).sort();
    for (const name of ["run.json", "report.html", "summary.md", "junit.xml", "badges/run.svg"])
      expect(files).toContain(name);
    expect(files.filter((f) => f.startsWith("cells/"))).toHaveLength(6);
    expect(files.filter((f) => f.startsWith("traces/"))).toHaveLength(6);
    expect(files.filter((f) => f.startsWith("badges/"))).toHaveLength(7);

    const document = JSON.parse(await readFile(join(outDir, "run.json"), "utf8")) as RunDocument;
    expect(document.summary).toMatchObject({ cells: 6, passed: 3, pass_rate: 0.5 });

    const junit = await readFile(join(outDir, "junit.xml"), "utf8");
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(junit).toMatch(/<testsuites[^>]* tests="6"[^>]* failures="3"/);
    expect(junit.match(/<testcase /g)).toHaveLength(6);
    expect(junit.match(/<failure /g)).toHaveLength(3);

    const html = await readFile(join(outDir, "report.html"), "utf8");
    expect(html).toContain("PROVISIONAL — not for citation");
    expect(html).not.toMatch(/(src|href)=["']https?:|url\(["']?https?:/);
    expect(html).toContain("Side by side");
    expect(html).toMatch(/<th scope="row">builtin × skilled<\/th><td>3\/3 \(100%\)<\/td>/);

    const summary = await readFile(join(outDir, "summary.md"), "utf8");
    expect(summary).toMatch(/\| builtin × skilled \| 3\/3 \(100%\)/);
    expect(summary).toContain("### Across 3 runs");
    expect(await readFile(join(outDir, "badges/run.svg"), "utf8")).toContain("provisional");
  });

  it("--min-pass and --fail-under gates say which gate failed and by how much; infra cells are left out", async () => {
    const run = await runCli([
      "check",
      "--endpoint",
      endpoint?.url ?? "",
      "--model",
      "careless",
      "--task",
      "polyglot/js-async-foreach",
      "--min-pass",
      "0.5",
      "--json",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/gate failed: pass rate 0\.000 is below --min-pass 0\.5 by 0\.500/);
  });

  it("cab report re-renders the artefacts from run.json", async () => {
    const again = await mkdtemp(join(tmpdir(), "cab-rerender-"));
    const run = await runCli(["report", outDir ?? "", "--out", again]);
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(join(again, "junit.xml"), "utf8")).toBe(
      await readFile(join(outDir ?? "", "junit.xml"), "utf8"),
    );
    await rm(again, { recursive: true, force: true });
  });
});
