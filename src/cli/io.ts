/** The CLI's only way to write: every line passes through the redactor, so no key reaches a terminal or log. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  setRedactor(redact: (text: string) => string): void;
  stderrIsTTY: boolean;
}

export function createCliIO(): CliIO {
  let redact = (text: string) => text;
  return {
    out: (text) => void process.stdout.write(`${redact(text)}\n`),
    err: (text) => void process.stderr.write(`${redact(text)}\n`),
    setRedactor(next) {
      redact = next;
    },
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}
