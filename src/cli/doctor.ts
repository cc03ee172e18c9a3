import { defineCommand } from "citty";
import { createClient } from "../agent/endpoint/create-client.js";
import { DEFAULT_PROBE_TIMEOUT_S, type DoctorOutcome, judgeProbes, runProbes } from "../doctor/probes.js";
import { renderProbeLine } from "../doctor/render.js";
import { EXIT, type ExitCode, UsageError } from "../errors.js";
import { createRedactor } from "../redact.js";
import { ENDPOINT_ARGS, ENDPOINT_ENVIRONMENT_HELP } from "./endpoint-args.js";
import type { CliCommand } from "./main.js";
import { numberFlag, parseFlags } from "./parse-flags.js";
import { resolveEndpoint } from "./resolve-endpoint.js";

const definition = defineCommand({
  meta: {
    name: "doctor",
    description:
      "Probe an OpenAI-compatible endpoint before a run: reachability, auth, model id, chat, tool calls, usage, streaming and rate-limit headers. One request per probe, no retries.",
  },
  args: {
    ...ENDPOINT_ARGS,
    model: {
      type: "string",
      description:
        "Model id to test chat and tool calls with; without it only the server is probed (env CAB_MODEL)",
      valueHint: "ID",
    },
    timeout: {
      type: "string",
      description: `Seconds each probe may take (default ${DEFAULT_PROBE_TIMEOUT_S})`,
      valueHint: "S",
    },
    json: {
      type: "boolean",
      description:
        "Print { endpoint_host, model, probes, verdict } as JSON on stdout (nothing else goes there)",
    },
  },
});

const EPILOG = `
EXAMPLES
  cab doctor --endpoint http://127.0.0.1:8000/v1 --model Qwen/Qwen3-Coder-30B-A3B-Instruct
  CAB_KEY=... cab doctor --endpoint https://openrouter.ai/api/v1 --model qwen/qwen3-coder
  cab doctor --endpoint http://127.0.0.1:11434/v1 --model qwen3:8b --json

${ENDPOINT_ENVIRONMENT_HELP}

EXIT CODES
  0 no probe failed (warnings allowed) · 1 a probe failed (e.g. the server rejects tools) · 2 usage error
  3 infrastructure error (endpoint unreachable, key refused, rate-limited on every probe)

The model probes send a few tokens each (four small calls).
`;

const EXIT_FOR: Record<DoctorOutcome, ExitCode> = {
  ready: EXIT.ok,
  warnings: EXIT.ok,
  failed: EXIT.gateFailed,
  infra: EXIT.infra,
};

export const doctorCommand: CliCommand = {
  definition,
  epilog: EPILOG,
  async execute(argv, io) {
    const flags = parseFlags(argv, definition.args as never);
    const endpoint = resolveEndpoint(flags, process.env, false);
    io.setRedactor(createRedactor(endpoint.secrets));
    const timeoutS =
      numberFlag("timeout", flags.timeout as string | undefined, 1, 3600) ?? DEFAULT_PROBE_TIMEOUT_S;
    if (!endpoint.baseURL) {
      throw new UsageError(
        "missing --endpoint (or CAB_ENDPOINT / OPENAI_BASE_URL), e.g. --endpoint http://127.0.0.1:8000/v1",
      );
    }
    const model = (flags.model as string | undefined) ?? (process.env.CAB_MODEL || null);
    const timeoutMs = timeoutS * 1000;
    const client = createClient({
      baseURL: endpoint.baseURL,
      apiKey: endpoint.key,
      requestTimeoutMs: timeoutMs,
    });
    const json = flags.json === true;
    if (!json)
      io.out(`cab doctor · ${publicURL(endpoint.baseURL)} · ${model ? `model ${model}` : "no --model"}\n`);

    const probes = await runProbes(
      { client, model, keyGiven: Boolean(endpoint.key), timeoutMs },
      json ? undefined : (result) => io.out(renderProbeLine(result)),
    );
    const verdict = judgeProbes(probes);
    if (json) {
      io.out(JSON.stringify({ endpoint_host: endpoint.host, model, probes, verdict: verdict.text }, null, 2));
    } else io.out(`\n${verdict.text}`);
    return EXIT_FOR[verdict.outcome];
  },
};

/** The base URL without credentials or query string (either may carry a secret). */
function publicURL(baseURL: string): string {
  const url = new URL(baseURL);
  url.username = "";
  url.password = "";
  url.search = "";
  return url.toString().replace(/\/$/, "");
}
