/** The task the demo solves: needs nothing but Node. */
export const DEMO_TASK_ID = "polyglot/js-async-foreach";
export const DEMO_MODEL = "demo-script";

interface ScriptedCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * A recorded-style session that fixes the demo task with the built-in agent's tools:
 * look, reproduce, fix, re-run, finish. One step per model turn.
 */
export const DEMO_SCRIPT: { content: string | null; call: ScriptedCall }[] = [
  {
    content: "Let me read the function first.",
    call: { name: "read_file", arguments: { path: "src/save-all.mjs" } },
  },
  {
    content: "Reproducing the failure.",
    call: { name: "bash", arguments: { command: "node --test test/save-all.test.mjs" } },
  },
  {
    content:
      "forEach does not await async callbacks, so saveAll returns before any save completes. Awaiting each save in order.",
    call: {
      name: "edit_file",
      arguments: {
        path: "src/save-all.mjs",
        old_string: "  items.forEach(async (i) => {\n    await store.save(i);\n  });",
        new_string: "  for (const i of items) {\n    await store.save(i);\n  }",
      },
    },
  },
  {
    content: "Re-running the tests.",
    call: { name: "bash", arguments: { command: "node --test test/save-all.test.mjs" } },
  },
  {
    content: null,
    call: {
      name: "finish",
      arguments: {
        message:
          "saveAll used forEach with an async callback, which does not wait; it now awaits each save in a for...of loop, so it resolves after every item is stored and rejects if a save fails.",
      },
    },
  },
];
