import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellResult } from "../../src/types.js";
import { type FakeEndpoint, type FakeStep, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { runCli } from "../helpers/run-cli.js";

const TASK = "polyglot/python-reverse-string";
const TESTS = "python3 -B -m unittest discover -s tests -t . 2>&1 | tail -5";
const KEY = "sk-replay-SECRET-0123456789";

let endpoint: FakeEndpoint;
let work: string;
let traceFile: string;
let cellFile: string;

beforeAll(async () => {
  const solution = await readFile(
    new URL(`../../tasks/${TASK}/solution/stringutil.py`, import.meta.url),
    "utf8",
  );
  // Runs the tests first (output with timings and temp paths), fixes, re-runs, finishes.
  const script: FakeStep[] = [
    { content: "Let me see what fails.", toolCalls: [{ name: "bash", arguments: { command: TESTS } }] },
    { toolCalls: [{ name: "write_file", arguments: { path: "stringutil.py", content: solution } }] },
    { toolCalls: [{ name: "bash", arguments: { command: TESTS } }] },
    { toolCalls: [{ name: "finish", arguments: { message: "reverse_string now reverses code points." } }] },
  ];
  endpoint = await startFakeEndpoint({ script });
  work = await mkdtemp(join(tmpdir(), "cab-replay-"));
  const run = await runCli(
    ["check", "--endpoint", endpoint.url, "--model", "scripted", "--task", TASK, "--out", join(work, "run")],
    { env: { CAB_KEY: KEY } },
  );
  expect(run.code, run.stderr).toBe(0);
  const [trace] = await readdir(join(work, "run", "traces"));
  traceFile = join(work, "run", "traces", trace as string);
  cellFile = join(work, "run", "cells", (trace as string).replace(/\.jsonl$/, ".json"));
});
afterAll(async () => {
  await endpoint?.close();
  await rm(work, { recursive: true, force: true });
});

describe("cab replay", () => {
  it("records every model exchange in the trace, without the key", async () => {
    const text = await readFile(traceFile, "utf8");
    const exchanges = text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((r) => r.type === "model_exchange");
    expect(exchanges.map((e) => e.call)).toEqual([1, 2, 3, 4]);
    expect(exchanges[0].reply.message.tool_calls[0].function.arguments).toContain("unittest");
    expect(exchanges[0].reply.usage).toEqual({
      prompt_tokens: 1000,
      completion_tokens: 50,
      total_tokens: 1050,
    });
    expect(exchanges[1].request.prefix).toBe(2);
    for (const file of [traceFile, cellFile, join(work, "run", "run.json")])
      expect(await readFile(file, "utf8")).not.toContain(KEY);
    const cell = JSON.parse(await readFile(cellFile, "utf8")) as CellResult;
    expect(cell.scorer.pass_rate.pass).toBe(1);
  });

  it.each([
    ["the trace", () => traceFile],
    ["the cell file", () => cellFile],
  ])(
    "replaying %s of a passing cell reproduces pass, blast, integrity and refusal exactly (exit 0)",
    async (_n, file) => {
      const replay = await runCli(["replay", file(), "--sandbox", "none"]);
      expect(replay.code, replay.stdout + replay.stderr).toBe(0);
      for (const axis of [
        "status",
        "pass",
        "tokens",
        "blast radius",
        "changed paths",
        "refusal",
        "integrity",
      ])
        expect(replay.stdout).toMatch(new RegExp(`^${axis} .*yes$`, "m"));
      expect(replay.stdout).toMatch(/^pass\s+1\s+1\s+yes$/m);
      expect(replay.stdout).toMatch(/^wall clock ms .*\(timing\)$/m);
      expect(replay.stdout).toContain("no drift: all 4 model call(s) matched the recording");
      expect(replay.stdout).toMatch(/^REPRODUCED$/m);
    },
  );

  it("a trace edited to change one tool call is reported as drift at that call (exit 1)", async () => {
    const copy = join(work, "edited");
    await cp(join(work, "run"), copy, { recursive: true });
    const edited = join(copy, "traces", traceFile.split("/").at(-1) as string);
    const lines = (await readFile(edited, "utf8")).split("\n").map((line) => {
      if (!line.includes('"model_exchange"')) return line;
      const record = JSON.parse(line);
      if (record.call !== 3) return line;
      record.reply.message.tool_calls[0].function.arguments = JSON.stringify({ command: "ls" });
      return JSON.stringify(record);
    });
    await writeFile(edited, lines.join("\n"));
    const replay = await runCli(["replay", edited, "--sandbox", "none"]);
    expect(replay.code, replay.stderr).toBe(1);
    expect(replay.stdout).toContain(
      'DRIFT at model call #4 of 4: message 7 of 8 differs: replayed assistant tool call bash {"command":"ls"} (the reply to call #3)',
    );
    expect(replay.stdout).toMatch(/^NOT REPRODUCED$/m);
  });

  it("judges the task by its own files: another task edited still replays; this task edited is refused (exit 2)", async () => {
    const bundle = join(work, "bundle");
    await cp(new URL("../../tasks/", import.meta.url), bundle, { recursive: true });
    await writeFile(join(bundle, "polyglot/js-async-foreach/workspace/README.md"), "# edited elsewhere\n");
    const other = await runCli(["replay", traceFile, "--bundle", bundle, "--sandbox", "none"]);
    expect(other.code, other.stdout + other.stderr).toBe(0);
    expect(other.stdout).toMatch(/^REPRODUCED$/m);

    await writeFile(join(bundle, TASK, "workspace/README.md"), "# this task, edited\n");
    const same = await runCli(["replay", traceFile, "--bundle", bundle, "--sandbox", "none"]);
    expect(same.code, same.stdout + same.stderr).toBe(2);
    expect(same.stderr).toContain(`task ${TASK}'s files differ from the ones the cell ran with`);
  });

  it("a cell that ran the text protocol (the endpoint refused tools) replays too", async () => {
    const solution = await readFile(
      new URL(`../../tasks/${TASK}/solution/stringutil.py`, import.meta.url),
      "utf8",
    );
    const asText = (name: string, args: unknown) =>
      `<tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`;
    const textEndpoint = await startFakeEndpoint({
      // vLLM without --enable-auto-tool-choice: every request that carries tools is refused.
      fault: (_n, request) =>
        request.body.tools
          ? {
              status: 400,
              body: { error: { message: "this model does not support tools", type: "BadRequestError" } },
            }
          : null,
      script: [
        { content: asText("write_file", { path: "stringutil.py", content: solution }) },
        { content: asText("finish", { message: "fixed" }) },
      ],
    });
    try {
      const out = join(work, "text-run");
      const run = await runCli([
        ...["check", "--endpoint", textEndpoint.url, "--model", "scripted", "--task", TASK, "--out", out],
      ]);
      expect(run.code, run.stderr).toBe(0);
      const [trace] = await readdir(join(out, "traces"));
      const replay = await runCli(["replay", join(out, "traces", trace as string), "--sandbox", "none"]);
      expect(replay.code, replay.stdout + replay.stderr).toBe(0);
      expect(replay.stdout).toContain("no drift: all 2 model call(s) matched the recording");
      expect(replay.stdout).toMatch(/^REPRODUCED$/m);
    } finally {
      await textEndpoint.close();
    }
  });

  it("a missing recording is a clear error (exit 2)", async () => {
    const run = await runCli(["replay", join(work, "nope", "traces", "x.jsonl")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: cannot find .*nope\/traces\/x\.jsonl/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
