// A scripted OpenAI-compatible chat-completions server on loopback: the bench's model. Turn N of a
// conversation (N = assistant messages already in the request) answers with script[N]; the last step
// repeats if a run asks for more. Usage is always included so no cell falls back to the tokenizer.
import { createServer } from "node:http";

/** One turn: the model finishes. */
export const FINISH_SCRIPT = [{ name: "finish", arguments: { message: "done" } }];

/** Three turns (bash, read_file, finish): a latency-bound cell that still exercises the tools. */
export const THREE_TURN_SCRIPT = [
  { name: "bash", arguments: { command: "true" } },
  { name: "read_file", arguments: { path: "README.md" } },
  { name: "finish", arguments: { message: "done" } },
];

/** Start the endpoint; `latencyMs` is waited before every answer. */
export async function startScriptedEndpoint({ script, latencyMs = 0 }) {
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const reply = () => answer(req, res, Buffer.concat(chunks).toString("utf8"), script, requests);
      if (latencyMs > 0) setTimeout(reply, latencyMs);
      else reply();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

function answer(req, res, text, script, requestNumber) {
  if (!req.url?.endsWith("/chat/completions")) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "not found" } }));
    return;
  }
  const body = JSON.parse(text || "{}");
  const turn = (body.messages ?? []).filter((m) => m.role === "assistant").length;
  const step = script[Math.min(turn, script.length - 1)];
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: `bench-${requestNumber}`,
      object: "chat.completion",
      created: 0,
      model: body.model ?? "bench",
      choices: [
        {
          index: 0,
          finish_reason: "tool_calls",
          message: {
            role: "assistant",
            content: null,
            tool_calls: [
              {
                id: `call_${requestNumber}`,
                type: "function",
                function: { name: step.name, arguments: JSON.stringify(step.arguments) },
              },
            ],
          },
        },
      ],
      usage: { prompt_tokens: 900, completion_tokens: 20, total_tokens: 920 },
    }),
  );
}
