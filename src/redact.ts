/** Replacement for a secret wherever it would be printed or written. */
export const REDACTED = "[REDACTED]";
/** Secrets shorter than this are too likely to match ordinary text to be replaced. */
const MIN_SECRET_LENGTH = 4;

/**
 * A function that removes every secret from a text: the value itself and its base64 and URL-encoded
 * forms (a server may echo a Basic auth header or a query string back in an error).
 */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(Buffer.from(secret).toString("base64"));
    forms.add(Buffer.from(secret).toString("base64").replace(/=+$/, ""));
    forms.add(encodeURIComponent(secret));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of ordered) out = out.split(form).join(REDACTED);
    return out;
  };
}
