import { lstatSync, readlinkSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * Every namespace (user, pid, net, ipc, uts, cgroup), killed with us, off our terminal, and no
 * capabilities: run by root, bwrap would otherwise leave the command all of root's.
 */
export const BWRAP_BASE_FLAGS = [
  "--unshare-all",
  "--die-with-parent",
  "--new-session",
  "--cap-drop",
  "ALL",
] as const;

/** The system, bound read-only where it exists (a merged-/usr symlink stays a symlink). */
const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt"];
/** Readable by root through the read-only /etc, and no business of a build: hidden. */
const HIDDEN_FILES = ["/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/sudoers"];
const HIDDEN_DIRS = ["/etc/ssh", "/etc/ssl/private", "/etc/sudoers.d"];
/** Toolchains installed per user find themselves through these; bound read-only when set. */
const TOOLCHAIN_VARS = ["RUSTUP_HOME", "CARGO_HOME", "PYENV_ROOT", "JAVA_HOME", "GOROOT"];
/** Credentials that live inside a toolchain home: hidden even though the home is bound. */
const TOOLCHAIN_SECRETS = ["credentials", "credentials.toml"];

export interface BwrapLayout {
  /** The working folder (the cell's workspace), writable. */
  cwd: string;
  /** The cell's private home and tmp, writable; tmp is also the sandbox's /tmp. */
  home: string;
  tmp: string;
  /** The command's environment: toolchain homes and PATH entries are bound read-only from it. */
  env: Record<string, string>;
  /** Keep the network namespace (for agents that must reach their endpoint); off for commands and checks. */
  network?: boolean;
  /** More folders to bind read-only (an installed TUI in the user's cache). */
  readOnly?: readonly string[];
}

/**
 * bwrap's arguments (without the command) for one command: read-only system and toolchains, fresh
 * /proc and /dev, only the cell's workspace, home and tmp writable, the rest of `/` read-only and empty.
 * The user's real home is never bound, only toolchain folders inside it.
 */
export function buildBwrapArgs(layout: BwrapLayout): string[] {
  const args: string[] = [...BWRAP_BASE_FLAGS];
  if (layout.network) args.push("--share-net");
  for (const dir of SYSTEM_DIRS) {
    const info = lstatOrNull(dir);
    if (info?.isSymbolicLink()) args.push("--symlink", readlinkSync(dir), dir);
    else if (info?.isDirectory()) args.push("--ro-bind", dir, dir);
  }
  for (const dir of toolchainDirs(layout)) args.push("--ro-bind", dir, dir);
  for (const file of hiddenFiles(layout.env)) args.push("--ro-bind", "/dev/null", file);
  for (const dir of HIDDEN_DIRS) if (isDir(dir)) args.push("--tmpfs", dir);
  args.push("--proc", "/proc", "--dev", "/dev", "--bind", layout.tmp, "/tmp");
  // After /tmp, so a folder under the real /tmp (a test's cache) is not hidden by the cell's.
  for (const dir of layout.readOnly ?? []) if (isDir(dir)) args.push("--ro-bind", dir, dir);
  for (const dir of [layout.cwd, layout.home, layout.tmp]) args.push("--bind", dir, dir);
  args.push("--remount-ro", "/", "--chdir", layout.cwd);
  return args;
}

/**
 * Toolchain homes and PATH entries outside the system folders, parents before children and nested
 * ones dropped. Never the real home or anything above it (a PATH entry of `~` or `/` binds nothing).
 */
function toolchainDirs(layout: BwrapLayout): string[] {
  const { env } = layout;
  const candidates = [...TOOLCHAIN_VARS.map((name) => env[name]), ...(env.PATH ?? "").split(":")].filter(
    (dir): dir is string => typeof dir === "string" && isAbsolute(dir),
  );
  const realHome = homedir();
  const cell = [layout.cwd, layout.home, layout.tmp];
  const chosen: string[] = [];
  for (const dir of [...new Set(candidates.map((d) => resolve(d)))].sort((a, b) => a.length - b.length)) {
    if (!isDir(dir) || isWithin(realHome, dir) || dir === "/") continue;
    if ([...SYSTEM_DIRS, ...chosen, ...cell].some((parent) => isWithin(dir, parent))) continue;
    chosen.push(dir);
  }
  return chosen;
}

function hiddenFiles(env: Record<string, string>): string[] {
  const inToolchains = TOOLCHAIN_VARS.flatMap((name) =>
    env[name] ? TOOLCHAIN_SECRETS.map((file) => resolve(env[name] as string, file)) : [],
  );
  return [...HIDDEN_FILES, ...inToolchains].filter((file) => lstatOrNull(file)?.isFile());
}

/** Whether `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
