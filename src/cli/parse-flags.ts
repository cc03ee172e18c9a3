import { parseArgs } from "node:util";
import type { ArgsDef } from "citty";
import { UsageError } from "../errors.js";

export type ParsedFlags = Record<string, string | string[] | boolean | undefined>;

/**
 * Strict parsing over a citty args definition: citty itself accepts unknown flags silently and keeps
 * only the last of repeated ones, so unknown flags are errors here and `repeatable` ones collect.
 */
export function parseFlags(
  argv: readonly string[],
  args: ArgsDef,
  repeatable: ReadonlySet<string> = new Set(),
): ParsedFlags {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {};
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "positional") continue;
    const short = ["alias" in def ? (def.alias ?? []) : []].flat().find((a) => a.length === 1);
    options[name] = {
      type: def.type === "boolean" ? "boolean" : "string",
      ...(repeatable.has(name) ? { multiple: true } : {}),
      ...(short ? { short } : {}),
    };
  }
  let values: ParsedFlags;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: true,
    }) as {
      values: ParsedFlags;
      positionals: string[];
    });
  } catch (error) {
    throw new UsageError(rephrase(error as Error, Object.keys(options)));
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  for (const [name, def] of Object.entries(args)) {
    if (values[name] === undefined && def.default !== undefined)
      values[name] = def.default as string | boolean;
    const value = values[name];
    if (def.type === "string" || def.type === "enum") {
      const list = [value ?? []].flat() as string[];
      const empty = list.find((v) => v.trim() === "");
      if (empty !== undefined) throw new UsageError(`--${name} needs a value`);
      if (def.type === "enum" && list.some((v) => !def.options?.includes(v))) {
        throw new UsageError(`--${name} must be one of ${def.options?.join(", ")}`);
      }
    }
  }
  return values;
}

function rephrase(error: Error, known: string[]): string {
  const unknown = error.message.match(/Unknown option '(-{1,2}[^']+)'/)?.[1];
  if (unknown) {
    const near = closest(unknown.replace(/^-+/, ""), known);
    return `unknown flag ${unknown}${near ? ` (did you mean --${near}?)` : ""}`;
  }
  const missing = error.message.match(/Option '(?:-\w, )?(--[^ ]+) <value>' argument missing/)?.[1];
  if (missing) return `${missing} needs a value`;
  return error.message;
}

function closest(word: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** A flag that must be an integer within bounds. */
export function integerFlag(
  name: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  // Number("") and Number(" ") are 0: a blank value is not a number.
  if (!Number.isInteger(n) || n < min || n > max || value.trim() === "")
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return n;
}

/** A flag that must be a number within bounds. */
export function numberFlag(
  name: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_VALUE,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || value.trim() === "") {
    throw new UsageError(
      `--${name} must be a number from ${min} to ${max === Number.MAX_VALUE ? "∞" : max}, got ${value}`,
    );
  }
  return n;
}
