/** Exit codes of the CLI (SPEC §1). */
export const EXIT = {
  ok: 0,
  gateFailed: 1,
  usage: 2,
  infra: 3,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure of the harness or its inputs, with a stable code and the exit code it maps to. */
export class CabError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  /** Print the command's usage before the message (bad flags). */
  readonly showUsage: boolean;

  constructor(
    message: string,
    options: { code: string; exitCode: ExitCode; showUsage?: boolean; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.exitCode = options.exitCode;
    this.showUsage = options.showUsage ?? false;
  }
}

/** Bad flag, missing value, unknown command. */
export class UsageError extends CabError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "E_USAGE", exitCode: EXIT.usage, showUsage: true, ...options });
  }
}

/** Configuration that is well-formed but cannot be used (missing toolchain for a requested task, …). */
export class ConfigError extends CabError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "E_CONFIG", exitCode: EXIT.usage, ...options });
  }
}

/** A task bundle that cannot be read or does not validate; the message names file and field. */
export class BundleError extends CabError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "E_BUNDLE", exitCode: EXIT.usage, ...options });
  }
}
