// Held-out tests: copied in only when the check runs. They bring their own fetchers.
import assert from "node:assert/strict";
import { test } from "node:test";

import { LoadError, loadAll } from "../src/load-all.mjs";

const delay = (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value));

test("hidden: many items with random delays stay in order", async () => {
  let seed = 7;
  const fetchNumber = async (id) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    await delay(seed % 5);
    return { id, square: id * id };
  };
  const ids = Array.from({ length: 50 }, (_, k) => k);
  const items = await loadAll(ids, fetchNumber);
  assert.deepEqual(
    items.map((item) => item.square),
    ids.map((k) => k * k),
  );
});

test("hidden: the cause is the very error the fetcher threw, for any id", async () => {
  const original = new TypeError("socket hang up");
  const fetchItem = async (id) => {
    await delay(1);
    if (id === 17) throw original;
    return id;
  };
  await assert.rejects(loadAll([3, 17, 4], fetchItem), (err) => {
    assert.ok(err instanceof LoadError, `expected a LoadError, got ${err}`);
    assert.equal(err.name, "LoadError");
    assert.equal(err.id, 17);
    assert.equal(err.message, "could not load item 17");
    assert.equal(err.cause, original);
    return true;
  });
});

test("hidden: rejects on the first failure without waiting for slow loads", async () => {
  const fetchItem = (id) => {
    if (id === "never") return new Promise(() => {});
    return delay(2).then(() => {
      throw new Error(`no ${id}`);
    });
  };
  const outcome = Promise.race([loadAll(["never", "broken"], fetchItem), delay(500, "still pending after 500 ms")]);
  await assert.rejects(outcome, (err) => err instanceof LoadError && err.id === "broken");
});

test("hidden: two failures reject once and leave no unhandled rejection", async () => {
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    const fetchItem = async (id) => {
      await delay(id === "x" ? 1 : 15);
      throw new Error(`bad ${id}`);
    };
    await assert.rejects(loadAll(["x", "y"], fetchItem), (err) => err instanceof LoadError && err.id === "x");
    await delay(40);
    assert.deepEqual(unhandled, []);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});
