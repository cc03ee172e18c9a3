import { EXIT } from "../errors.js";

/**
 * First Ctrl-C or SIGTERM: `onFirst` (stop new work, abort in-flight calls, write results).
 * A second one exits at once. Returns a function that removes the handlers.
 */
export function onInterrupt(onFirst: () => void): () => void {
  let count = 0;
  const handler = () => {
    count++;
    if (count === 1) onFirst();
    else process.exit(EXIT.interrupted);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
