import assert from "node:assert/strict";
import { test } from "node:test";

import { MemoryStore } from "../src/memory-store.mjs";
import { saveAll } from "../src/save-all.mjs";

test("saves every item", async () => {
  const store = new MemoryStore();
  await saveAll(store, ["a", "b", "c"]);
  assert.equal(store.count(), 3);
});

test("resolves to the count", async () => {
  const store = new MemoryStore();
  const n = await saveAll(store, [1, 2, 3, 4]);
  assert.equal(n, 4);
});

test("preserves order", async () => {
  const store = new MemoryStore();
  await saveAll(store, ["first", "second", "third"]);
  assert.deepEqual(store.all(), ["first", "second", "third"]);
});

test("empty list", async () => {
  const store = new MemoryStore();
  const n = await saveAll(store, []);
  assert.equal(n, 0);
  assert.deepEqual(store.all(), []);
});
