import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { defineCommand } from "citty";
import { ConfigError, EXIT, UsageError } from "../errors.js";
import { createOutDirWriter } from "../out-dir.js";
import { buildRunDocument, type RunDocument } from "../report/run-document.js";
import type { CliCommand } from "./main.js";
import { parseFlags } from "./parse-flags.js";

const definition = defineCommand({
  meta: {
    name: "report",
    description:
      "cab report DIR — re-render report.html, summary.md, junit.xml, badges and the cell/trace files from DIR/run.json (e.g. after an upgrade)",
  },
  args: {
    out: { type: "string", description: "Write the artefacts here instead of DIR", valueHint: "DIR" },
  },
});

export const reportCommand: CliCommand = {
  definition,
  async execute(argv, io) {
    const [dir, ...rest] = argv;
    if (!dir || dir.startsWith("-"))
      throw new UsageError("cab report needs the folder a run was written to: cab report DIR");
    const flags = parseFlags(rest, definition.args as never);
    const file = join(resolve(dir), "run.json");
    const saved = await readRunDocument(file);
    // Summary and totals are recomputed from the cells: the renderers of this version decide.
    const document = buildRunDocument(saved.run, saved.run, saved.cells);
    const target = resolve((flags.out as string | undefined) ?? dir);
    const writer = createOutDirWriter(target, (text) => text);
    for (const cell of document.cells) void writer.writeCell(cell);
    void writer.writeRun(document);
    await writer.flush();
    io.out(
      `${document.cells.length} cell(s) re-rendered into ${target}: run.json report.html summary.md junit.xml badges/ cells/ traces/`,
    );
    return EXIT.ok;
  },
};

async function readRunDocument(file: string): Promise<RunDocument> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new ConfigError(`cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  const document = parsed as Partial<RunDocument>;
  if (document?.provisional !== true || !Array.isArray(document.cells) || !document.run) {
    throw new ConfigError(`${file} is not a run.json written by cab check --out`);
  }
  return document as RunDocument;
}
