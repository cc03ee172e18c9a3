import { defineCommand } from "citty";
import { missingToolchain } from "../bundle/probe-toolchain.js";
import { resolveBundle } from "../bundle/resolve-bundle.js";
import { EXIT } from "../errors.js";
import { renderColumns } from "../report/columns.js";
import { BUNDLE_ARGS } from "./bundle-args.js";
import type { CliCommand } from "./main.js";
import { parseFlags } from "./parse-flags.js";

const definition = defineCommand({
  meta: {
    name: "list",
    description:
      "List the tasks of a bundle: category, language, required toolchains and whether each is present here.",
  },
  args: {
    ...BUNDLE_ARGS,
    json: { type: "boolean", description: "Print the list as JSON" },
  },
});

/** Which coding agents can work these tasks (`cab check --tui NAME`). */
const TUIS_LINE =
  "coding agents (cab check --tui NAME): builtin; pi, qwen-code, opencode, codex (npm, installed into the cache on first use); aider, goose (when on PATH); oracle, noop (reference solution, do nothing)";

export const listCommand: CliCommand = {
  definition,
  async execute(argv, io) {
    const flags = parseFlags(argv, definition.args as never);
    const bundle = await resolveBundle(flags.bundle as string | undefined, {
      offline: flags.offline === true,
    });
    const rows = await Promise.all(
      bundle.tasks.map(async (task) => ({ task, missing: await missingToolchain(task.requires) })),
    );
    if (flags.json) {
      io.out(
        JSON.stringify(
          {
            bundle: { root: bundle.root, digest: bundle.digest },
            tasks: rows.map(({ task, missing }) => ({
              id: task.id,
              version: task.version,
              category: task.category,
              language: task.language,
              title: task.title,
              requires: task.requires,
              runnable: missing.length === 0,
              missing,
            })),
          },
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    const table = rows.map(({ task, missing }) => [
      task.id,
      task.category,
      task.language,
      task.requires.join(",") || "-",
      missing.length === 0 ? "yes" : `no (missing ${missing.join(", ")})`,
    ]);
    const header = ["task", "category", "language", "requires", "runnable here"];
    io.out(renderColumns(header, table));
    io.out(`\n${bundle.tasks.length} task(s) in ${bundle.root} (digest ${bundle.digest.slice(0, 12)})`);
    io.out(TUIS_LINE);
    return EXIT.ok;
  },
};
