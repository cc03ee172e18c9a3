import { randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CabError, EXIT } from "../../errors.js";
import { runCommand } from "../../exec/run-command.js";
import { removeDir } from "../../workspace/remove-dir.js";

/** npm gets this long to install one TUI (the largest is ~270 MB). */
export const DEFAULT_INSTALL_TIMEOUT_MS = 15 * 60_000;
/** Written last into a finished install: a folder without it is not an install. */
const INSTALL_RECORD = "cab-install.json";
/** npm's download cache for one install, inside its temp folder and deleted before the rename. */
const NPM_CACHE = ".npm-cache";

/** What to install for a TUI: exact npm specs, and the folder name in the cache. */
export interface TuiPackage {
  /** The cache folder's name: `<package>@<version>` of the TUI itself. */
  id: string;
  /** Exact `npm install` specs (a platform binary package, or the TUI package). */
  specs: string[];
}

export interface InstalledTui {
  dir: string;
  bytes: number;
  /** Installed by this call (false: found in the cache). */
  fresh: boolean;
  durationMs: number;
}

export interface InstallTuiOptions {
  env?: NodeJS.ProcessEnv;
  /** One line per step (installing…, installed …), for stderr. */
  log?: (line: string) => void;
  timeoutMs?: number;
}

/** `$XDG_CACHE_HOME/codingagentbench/tuis` (default ~/.cache/…): where TUIs are installed once. */
export function tuiCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  return join(cache, "codingagentbench", "tuis");
}

const inProcess = new Map<string, Promise<InstalledTui>>();

/**
 * The TUI's install folder, installing it with npm on first use. The install goes to a temp sibling
 * and is renamed into place, so a half-done install is never used; when parallel processes race,
 * the first rename wins and the others use its folder.
 */
export function installTui(pkg: TuiPackage, options: InstallTuiOptions = {}): Promise<InstalledTui> {
  const dir = join(tuiCacheRoot(options.env), pkg.id);
  let pending = inProcess.get(dir);
  if (!pending) {
    pending = install(pkg, dir, options);
    inProcess.set(dir, pending);
    pending.catch(() => inProcess.delete(dir));
  }
  return pending;
}

async function install(pkg: TuiPackage, dir: string, options: InstallTuiOptions): Promise<InstalledTui> {
  const cached = await readInstallRecord(dir);
  if (cached) return { dir, bytes: cached.bytes, fresh: false, durationMs: 0 };
  const started = performance.now();
  options.log?.(`installing ${pkg.id} with npm into ${dir} (first use; later runs reuse it)…`);
  await mkdir(dirname(dir), { recursive: true });
  const temp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await mkdir(temp);
    await writeFile(join(temp, "package.json"), '{ "private": true }\n');
    const result = await runCommand({
      argv: ["npm", ...npmInstallArgs(pkg), `--cache=${join(temp, NPM_CACHE)}`],
      cwd: temp,
      env: npmEnv(options.env ?? process.env),
      timeoutMs: options.timeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS,
    });
    if (result.exitCode !== 0) throw installError(pkg, result);
    // npm's own cache stays out of the user's ~/.npm and out of the install.
    await removeDir(join(temp, NPM_CACHE));
    const bytes = await folderBytes(join(temp, "node_modules"));
    const record = { id: pkg.id, specs: pkg.specs, bytes, installed_at: new Date().toISOString() };
    await writeFile(join(temp, INSTALL_RECORD), `${JSON.stringify(record, null, 2)}\n`);
    try {
      await rename(temp, dir);
    } catch (error) {
      // Another process finished first: its install is as good as ours.
      const winner = await readInstallRecord(dir);
      if (!winner) throw error;
    }
    const durationMs = performance.now() - started;
    options.log?.(`installed ${pkg.id}: ${formatBytes(bytes)} in ${(durationMs / 1000).toFixed(0)} s`);
    return { dir, bytes, fresh: true, durationMs };
  } finally {
    await removeDir(temp);
  }
}

/** npm's arguments: exact versions, no lifecycle scripts (none of the TUIs needs one), no lockfile. */
export function npmInstallArgs(pkg: TuiPackage): string[] {
  return [
    "install",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    "--no-package-lock",
    "--no-save",
    "--loglevel=error",
    ...pkg.specs,
  ];
}

/** The user's npm settings (registry, proxy, auth in ~/.npmrc) apply; no update check. */
function npmEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) if (value !== undefined) env[name] = value;
  env.npm_config_update_notifier = "false";
  return env;
}

function installError(pkg: TuiPackage, result: Awaited<ReturnType<typeof runCommand>>): CabError {
  const output = `${result.stderr}\n${result.stdout}`.trim();
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network/i.test(output);
  const why = result.spawnError
    ? `npm could not start (${result.spawnError}); install Node.js with npm`
    : result.timedOut
      ? "npm timed out"
      : offline
        ? "the npm registry is unreachable (check your network, or npm's registry/proxy settings)"
        : `npm exited with ${result.exitCode}`;
  const tail = output.split("\n").slice(-8).join("\n");
  return new CabError(`cannot install ${pkg.specs.join(" ")}: ${why}${tail ? `\n${tail}` : ""}`, {
    code: "E_TUI_INSTALL",
    exitCode: EXIT.infra,
  });
}

async function readInstallRecord(dir: string): Promise<{ bytes: number } | null> {
  try {
    const record = JSON.parse(await readFile(join(dir, INSTALL_RECORD), "utf8")) as { bytes?: unknown };
    return { bytes: typeof record.bytes === "number" ? record.bytes : 0 };
  } catch {
    return null;
  }
}

/** Bytes on disk under a folder (like `du`: symlinks are not followed). */
async function folderBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let total = 0;
  for (const entry of entries) {
    const info = await lstat(join(entry.parentPath, entry.name)).catch(() => null);
    if (info && !info.isDirectory()) total += info.blocks * 512;
  }
  return total;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}
