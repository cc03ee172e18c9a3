import assert from "node:assert/strict";
import { test } from "node:test";

import { LoadError, loadAll } from "../src/load-all.mjs";
import { fetchItem } from "./fake-api.mjs";

test("loads every item in the order of ids", async () => {
  const items = await loadAll(["a", "b", "c", "d"], fetchItem);
  assert.deepEqual(
    items.map((item) => item.name),
    ["Apple", "Banana", "Cherry", "Date"],
  );
});

test("an empty list resolves to []", async () => {
  assert.deepEqual(await loadAll([], fetchItem), []);
});

test("a failing load rejects with a LoadError naming the id", async () => {
  await assert.rejects(loadAll(["a", "bad", "c"], fetchItem), (err) => {
    assert.ok(err instanceof LoadError, `expected a LoadError, got ${err}`);
    assert.equal(err.id, "bad");
    assert.equal(err.message, "could not load item bad");
    return true;
  });
});

test("the LoadError keeps the original error as cause", async () => {
  await assert.rejects(loadAll(["bad"], fetchItem), (err) => {
    assert.ok(err.cause instanceof Error, "cause should be the original error");
    assert.equal(err.cause.message, "item bad not found");
    return true;
  });
});
