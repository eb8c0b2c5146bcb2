import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from '../src/lib/backoff.js';

test('Backoff doubles per attempt, is capped, and jitters within the upper half', () => {
  const low = new Backoff({ baseMs: 100, maxMs: 1000 }, () => 0);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => low.next()), [50, 100, 200, 400, 500, 500]);
  const high = new Backoff({ baseMs: 100, maxMs: 1000 }, () => 0.999999);
  assert.deepEqual([1, 2, 3, 4, 5].map(() => high.next()), [100, 200, 400, 800, 1000]);
});

test('Backoff starts over after a reset', () => {
  const b = new Backoff({ baseMs: 100, maxMs: 1000 }, () => 0);
  b.next(); b.next(); b.next();
  b.reset();
  assert.equal(b.next(), 50);
});
