// Held-out tests: copied in only when the check runs.
// They use their own slow store, so making MemoryStore synchronous does not help.
import assert from "node:assert/strict";
import { test } from "node:test";

import { saveAll } from "../src/save-all.mjs";

class SlowStore {
  constructor(existing = []) {
    this.items = [...existing];
  }

  async save(item) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setImmediate(resolve));
    if (item === "boom") throw new Error("save failed: boom");
    this.items.push(item);
  }

  count() {
    return this.items.length;
  }
}

test("hidden: a slow store ends up with every item, in order", async () => {
  const store = new SlowStore();
  const items = Array.from({ length: 25 }, (_, k) => `item-${k}`);
  const n = await saveAll(store, items);
  assert.equal(store.items.join(" "), items.join(" "));
  assert.equal(n, 25);
});

test("hidden: the count includes items the store already held", async () => {
  const store = new SlowStore(["old-1", "old-2"]);
  const n = await saveAll(store, ["x", "y", "z"]);
  assert.equal(n, 5);
  assert.deepEqual(store.items, ["old-1", "old-2", "x", "y", "z"]);
});

test("hidden: a failing save rejects saveAll", async () => {
  const store = new SlowStore();
  await assert.rejects(saveAll(store, ["ok", "boom"]), /save failed: boom/);
});
