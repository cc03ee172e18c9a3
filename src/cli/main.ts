import { stripVTControlCharacters } from "node:util";
import { type CommandDef, defineCommand, renderUsage as renderCittyUsage } from "citty";
import { CabError, EXIT } from "../errors.js";
import { CLI_VERSION } from "../version.js";
import { type CliIO, createCliIO } from "./io.js";

/** A command: its citty definition (flags and help) and what it does with the raw arguments. */
export interface CliCommand {
  // biome-ignore lint/suspicious/noExplicitAny: each command has its own args type.
  definition: CommandDef<any>;
  /** Extra help text after citty's usage: examples, environment, exit codes. */
  epilog?: string;
  execute(argv: string[], io: CliIO): Promise<number>;
}

// Loaded on demand, so `cab --version` and `cab list` do not import the agent, openai or undici.
export const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  check: async () => (await import("./check.js")).checkCommand,
  list: async () => (await import("./list.js")).listCommand,
  validate: async () => (await import("./validate.js")).validateCommand,
  bundle: async () => (await import("./bundle.js")).bundleCommand,
  doctor: async () => (await import("./doctor.js")).doctorCommand,
  score: async () => (await import("./score.js")).scoreCommand,
  report: async () => (await import("./report.js")).reportCommand,
  mutate: async () => (await import("./mutate.js")).mutateCommand,
  merge: async () => (await import("./merge.js")).mergeCommand,
  replay: async () => (await import("./replay.js")).replayCommand,
};

const root = defineCommand({
  meta: {
    name: "cab",
    version: CLI_VERSION,
    description:
      "CodingAgentBench provisional checker — score your own OpenAI-compatible endpoint on real coding tasks (provisional — not for citation)",
  },
  subCommands: {
    check: { meta: { name: "check", description: "run tasks against an endpoint and score them" } },
    list: {
      meta: { name: "list", description: "list the tasks of a bundle and whether their toolchains are here" },
    },
    doctor: {
      meta: {
        name: "doctor",
        description:
          "probe an endpoint: reachability, auth, model, tool calls, usage, streaming, rate-limit headers",
      },
    },
    validate: {
      meta: {
        name: "validate",
        description:
          "prove a bundle honest: pristine fails, the reference passes 3 times, no cheat scores clean",
      },
    },
    bundle: {
      meta: { name: "bundle", description: "bundle pack DIR: write a task bundle as a reproducible .tar.gz" },
    },
    score: {
      meta: {
        name: "score",
        description:
          "recompute each cell's composite from its per-axis values and compare with the stored one",
      },
    },
    mutate: {
      meta: {
        name: "mutate",
        description:
          "generate new mutation tasks, reproducibly, from a task's generator (its correct program)",
      },
    },
    report: {
      meta: {
        name: "report",
        description: "re-render report.html, summary.md, junit.xml and badges from a run.json",
      },
    },
    merge: {
      meta: {
        name: "merge",
        description:
          "join the --out folders of several shards or runs into one run and re-render every report",
      },
    },
    replay: {
      meta: {
        name: "replay",
        description: "re-run a recorded cell offline from its trace and compare the scores (drift = exit 1)",
      },
    },
  },
});

const ROOT_EPILOG = `
Start with:  cab check --demo          (no key, no endpoint: a scripted session on a built-in task)
Then:        cab check --endpoint URL --key KEY --model ID --task polyglot/rust-owner-borrow-fix
Help:        cab <command> --help`;

/** citty colours its usage whatever the output is: keep colour for terminals only. */
// biome-ignore lint/suspicious/noExplicitAny: commands differ in their args types.
async function renderUsage(command: CommandDef<any>, parent?: CommandDef<any>): Promise<string> {
  const usage = await renderCittyUsage(command, parent);
  const colour = process.stdout.isTTY && !process.env.NO_COLOR;
  return colour ? usage : stripVTControlCharacters(usage);
}

/** Run the CLI; resolves to the exit code. Errors become messages here and nowhere else. */
export async function main(argv: string[], io: CliIO = createCliIO()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === "--version" || name === "-v") {
      io.out(CLI_VERSION);
      return EXIT.ok;
    }
    if (name === undefined || name === "--help" || name === "-h") {
      const usage = `${await renderUsage(root)}\n${ROOT_EPILOG}`;
      if (name === undefined) {
        io.err(usage);
        return EXIT.usage;
      }
      io.out(usage);
      return EXIT.ok;
    }
    const load = COMMANDS[name];
    if (!load) {
      io.err(`${await renderUsage(root)}\n`);
      io.err(`error: unknown command ${name} (commands: ${Object.keys(COMMANDS).join(", ")})`);
      return EXIT.usage;
    }
    const command = await load();
    const flagsBeforeDashes = rest.slice(0, rest.includes("--") ? rest.indexOf("--") : undefined);
    if (flagsBeforeDashes.includes("--help") || flagsBeforeDashes.includes("-h")) {
      io.out(`${await renderUsage(command.definition, root)}${command.epilog ?? ""}`);
      return EXIT.ok;
    }
    try {
      return await command.execute(rest, io);
    } catch (error) {
      if (error instanceof CabError && error.showUsage)
        io.err(`${await renderUsage(command.definition, root)}\n`);
      throw error;
    }
  } catch (error) {
    return reportError(error, io);
  }
}

/** Exit code for a harness bug (sysexits EX_SOFTWARE): distinct from every documented outcome. */
export const EXIT_INTERNAL_ERROR = 70;

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CabError) {
    io.err(`error: ${error.message}`);
    return error.exitCode;
  }
  io.err(`error: ${(error as Error)?.message ?? String(error)}`);
  io.err("This is a bug in @codingagentbench/cli; please report it with the stack below.");
  io.err((error as Error)?.stack ?? "");
  return EXIT_INTERNAL_ERROR;
}
