import assert from "node:assert/strict";
import { test } from "node:test";

import { movingAverage } from "../src/moving-average.mjs";

test("window of 3 over a short series", () => {
  assert.deepEqual(movingAverage([3, 6, 9, 12, 15], 3), [6, 9, 12]);
});

test("window of 1 returns the values", () => {
  assert.deepEqual(movingAverage([4, 8, 15, 16], 1), [4, 8, 15, 16]);
});

test("window as long as the series gives one average", () => {
  assert.deepEqual(movingAverage([2, 4, 6, 8], 4), [5]);
});

test("flat series stays flat", () => {
  assert.deepEqual(movingAverage([7, 7, 7, 7, 7, 7], 2), [7, 7, 7, 7, 7]);
});

test("fewer values than the window gives no averages", () => {
  assert.deepEqual(movingAverage([1, 2], 3), []);
  assert.deepEqual(movingAverage([], 1), []);
});

test("rejects a window that is not a positive integer", () => {
  assert.throws(() => movingAverage([1, 2, 3], 0), RangeError);
  assert.throws(() => movingAverage([1, 2, 3], 1.5), RangeError);
});
