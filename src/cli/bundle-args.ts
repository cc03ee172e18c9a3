/** The bundle flags every command that reads tasks shares. */
export const BUNDLE_ARGS = {
  bundle: {
    type: "string",
    description:
      "Task bundle: a folder, a .tar.gz, or an https:// URL with an optional #sha256=<hex> pin (default: the tasks shipped with the CLI)",
    valueHint: "DIR|FILE|URL",
  },
  offline: {
    type: "boolean",
    description: "Take a downloaded --bundle from the cache only; never touch the network for it",
  },
} as const;
