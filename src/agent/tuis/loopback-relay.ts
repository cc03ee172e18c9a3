import { writeFile } from "node:fs/promises";
import { connect, createServer, type Socket } from "node:net";
import { dirname, join } from "node:path";

/**
 * Runs inside the sandbox, in front of the TUI: listens on the sandbox's own 127.0.0.1 at the proxy's
 * port and carries each connection over a Unix socket (a file the sandbox can see) to the proxy outside.
 * So the TUI reaches the proxy and nothing else: the sandbox keeps its empty network namespace.
 */
const RELAY_SCRIPT = `import { spawn } from "node:child_process";
import { connect, createServer } from "node:net";
const [socketPath, port, , ...argv] = process.argv.slice(2);
const server = createServer((inner) => {
  const outer = connect(socketPath);
  inner.pipe(outer).pipe(inner);
  inner.on("error", () => outer.destroy());
  outer.on("error", () => inner.destroy());
});
server.listen(Number(port), "127.0.0.1", () => {
  const child = spawn(argv[0], argv.slice(1), { stdio: "inherit" });
  child.on("error", (error) => { console.error(error.message); process.exit(127); });
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
});
`;

export interface LoopbackRelay {
  /** The argv that starts the relay, which then starts `argv` once it listens. */
  wrap(argv: string[]): string[];
  /** Folders the sandbox must see read-only: the TUI's install folder, if any, and node's. */
  readOnly(installDir: string | undefined): string[];
  close(): Promise<void>;
}

/** The outside half: a Unix socket in the cell's tmp that forwards to the proxy's loopback port. */
export async function startLoopbackRelay(proxyBaseURL: string, cellTmp: string): Promise<LoopbackRelay> {
  const port = Number(new URL(proxyBaseURL).port);
  const socketPath = join(cellTmp, "cab-proxy.sock");
  const scriptPath = join(cellTmp, "cab-loopback-relay.mjs");
  await writeFile(scriptPath, RELAY_SCRIPT);
  const open = new Set<Socket>();
  const server = createServer((inner) => {
    const outer = connect(port, "127.0.0.1");
    open.add(inner);
    inner.on("close", () => open.delete(inner));
    inner.pipe(outer).pipe(inner);
    inner.on("error", () => outer.destroy());
    outer.on("error", () => inner.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    wrap: (argv) => [process.execPath, scriptPath, socketPath, String(port), "--", ...argv],
    // The relay and the npm TUIs run on this node, which may live in a toolchain folder (nvm) bwrap skips.
    readOnly: (installDir) => [...(installDir ? [installDir] : []), dirname(process.execPath)],
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
