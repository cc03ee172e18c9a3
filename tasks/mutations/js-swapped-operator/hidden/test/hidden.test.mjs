// Held-out tests: copied in only when the check runs.
import assert from "node:assert/strict";
import { test } from "node:test";

import { movingAverage } from "../src/moving-average.mjs";

function reference(values, window) {
  const out = [];
  for (let start = 0; start + window <= values.length; start++) {
    let s = 0;
    for (let k = start; k < start + window; k++) s += values[k];
    out.push(s / window);
  }
  return out;
}

function rng(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

test("hidden: matches a brute-force reference on generated series", () => {
  const rand = rng(20260620);
  for (let round = 0; round < 200; round++) {
    const n = Math.floor(rand() * 30);
    const values = Array.from({ length: n }, () => Math.round((rand() * 200 - 100) * 100) / 100);
    const window = 1 + Math.floor(rand() * 8);
    const got = movingAverage(values, window);
    const want = reference(values, window);
    assert.equal(got.length, want.length, `length for n=${n} window=${window}`);
    for (let k = 0; k < want.length; k++) {
      assert.ok(Math.abs(got[k] - want[k]) < 1e-9, `n=${n} window=${window} k=${k}: ${got[k]} vs ${want[k]}`);
    }
  }
});

test("hidden: negative values and a falling series", () => {
  assert.deepEqual(movingAverage([-2, -4, -6, -8], 2), [-3, -5, -7]);
  assert.deepEqual(movingAverage([10, 8, 6, 4, 2, 0], 3), [8, 6, 4, 2]);
});

test("hidden: long series with window 2 and the input left unchanged", () => {
  const values = Array.from({ length: 1000 }, (_, k) => k);
  const copy = [...values];
  const got = movingAverage(values, 2);
  assert.equal(got.length, 999);
  assert.equal(got[0], 0.5);
  assert.equal(got[998], 998.5);
  assert.deepEqual(values, copy);
});
