import { resolve } from "node:path";
import { defineCommand } from "citty";
import { packBundle } from "../bundle/pack-bundle.js";
import { EXIT, UsageError } from "../errors.js";
import type { CliCommand } from "./main.js";
import { parseFlags } from "./parse-flags.js";

const definition = defineCommand({
  meta: {
    name: "bundle",
    description:
      "cab bundle pack DIR — validate a task bundle folder and write it as a reproducible .tar.gz, printing its sha256",
  },
  args: {
    out: {
      type: "string",
      description: "Archive to write (default: ./<folder name>.tar.gz)",
      valueHint: "FILE",
    },
  },
});

export const bundleCommand: CliCommand = {
  definition,
  epilog: `
EXAMPLES
  cab bundle pack ./my-tasks --out my-tasks.tar.gz
  cab check --bundle ./my-tasks.tar.gz …
  cab check --bundle 'https://example.org/my-tasks.tar.gz#sha256=<printed hash>' …
`,
  async execute(argv, io) {
    const [action, dir, ...rest] = argv;
    if (action !== "pack")
      throw new UsageError(`unknown bundle action ${action ?? "(none)"}; try: cab bundle pack DIR`);
    if (!dir || dir.startsWith("-"))
      throw new UsageError("cab bundle pack needs the bundle folder: cab bundle pack DIR");
    const flags = parseFlags(rest, definition.args as never);
    const folder = resolve(dir);
    const file = resolve(
      (flags.out as string | undefined) ?? `${folder.split("/").pop() || "bundle"}.tar.gz`,
    );
    const { sha256, tasks } = await packBundle(folder, file);
    io.out(`${file}\n${tasks} task(s) · sha256 ${sha256}`);
    io.out(
      `use it with: --bundle ${file}   or, served over https:   --bundle 'https://…/${file.split("/").pop()}#sha256=${sha256}'`,
    );
    return EXIT.ok;
  },
};
