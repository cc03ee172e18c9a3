// Agent prompt cost: the built-in agent's system prompt + tool schemas, paid on every turn. Counted with the
// project's own estimator (LLaMA tokenizer) and, when it can be fetched, OpenAI's o200k_base via js-tiktoken
// installed into a throwaway folder outside the project (never a dependency of the package).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { ROOT } from "./spawn-cli.mjs";
import { row } from "./stats.mjs";

const TIKTOKEN_DIR = join(tmpdir(), "cab-bench-js-tiktoken");

async function loadTiktoken() {
  const manifest = join(TIKTOKEN_DIR, "node_modules", "js-tiktoken", "package.json");
  if (!existsSync(manifest)) {
    await mkdir(TIKTOKEN_DIR, { recursive: true });
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    await promisify(execFile)(
      "npm",
      [
        "install",
        "--no-save",
        "--no-package-lock",
        "--no-audit",
        "--no-fund",
        "--prefix",
        TIKTOKEN_DIR,
        "js-tiktoken@1",
      ],
      { env },
    );
  }
  const entry = createRequire(join(TIKTOKEN_DIR, "package.json")).resolve("js-tiktoken");
  const mod = await import(pathToFileURL(entry).href);
  return (mod.getEncoding ?? mod.default.getEncoding)("o200k_base");
}

export async function measurePromptCost() {
  const { SYSTEM_PROMPT, TOOL_SCHEMAS, createTokenEstimator } = await import(join(ROOT, "dist/internals.js"));
  const system = { role: "system", content: SYSTEM_PROMPT };
  const empty = { message: { role: "assistant", content: "" } };
  // The estimator counts each message and each tool as its JSON, as it does for a reply without usage.
  const llama = async (messages, tools) =>
    (await createTokenEstimator()({ model: "bench", messages, tools }, empty)).promptTokens;
  const data = {
    method: "JSON of the system message + JSON of each tool schema",
    llama: {
      system_prompt: await llama([system], []),
      tool_schemas: await llama([], TOOL_SCHEMAS),
    },
  };
  data.llama.total = data.llama.system_prompt + data.llama.tool_schemas;
  const rows = [
    row(
      "prompt",
      `system prompt + ${TOOL_SCHEMAS.length} tools, LLaMA tokenizer (cab's estimator)`,
      data.llama.total,
      "tokens",
      { max: 1200 },
    ),
    row("prompt", `  system prompt ${data.llama.system_prompt} + tools ${data.llama.tool_schemas}`, null, ""),
  ];
  try {
    const encoding = await loadTiktoken();
    const count = (value) => encoding.encode(JSON.stringify(value)).length;
    const systemTokens = count(system);
    const toolTokens = TOOL_SCHEMAS.reduce((total, tool) => total + count(tool), 0);
    data.o200k_base = {
      system_prompt: systemTokens,
      tool_schemas: toolTokens,
      total: systemTokens + toolTokens,
    };
    rows.push(
      row(
        "prompt",
        "system prompt + tools, OpenAI o200k_base (js-tiktoken)",
        data.o200k_base.total,
        "tokens",
        { max: 1200 },
      ),
      row("prompt", `  system prompt ${systemTokens} + tools ${toolTokens}`, null, ""),
    );
  } catch (error) {
    data.o200k_base = { error: error.message };
    rows.push(row("prompt", `o200k_base not measured: ${error.message.split("\n")[0]}`, null, ""));
  }
  return { rows, data };
}
