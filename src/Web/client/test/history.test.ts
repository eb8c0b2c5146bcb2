import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { changesBetween, DELETED, INSERTED, restoreChange, sessionsOf } from '../src/lib/history.js';

test('ops group into sessions by author and pause, newest first', () => {
  const min = 60_000;
  const sessions = sessionsOf([
    { rev: 1, user: 'ann', at: 0 },
    { rev: 2, user: 'ann', at: 1 * min },
    { rev: 3, user: 'bob', at: 2 * min },
    { rev: 4, user: 'ann', at: 3 * min },
    { rev: 5, user: 'ann', at: 20 * min }, // after a 17 minute pause: a new session
    { rev: 6, user: 'ann', at: null }, // an op without a time continues the author's session
  ]);
  assert.deepEqual(sessions.map((s) => [s.user, s.from, s.to]), [['ann', 5, 6], ['ann', 4, 4], ['bob', 3, 3], ['ann', 1, 2]]);
  assert.deepEqual([sessions[3]!.start, sessions[3]!.end], [0, min]);
});

test('a past version shows inserted text highlighted and deleted text struck through in place', () => {
  const before = new Delta().insert('Hello old world\n');
  const after = new Delta().insert('Hello ').insert('new', { bold: true }).insert(' world\n');
  const shown = changesBetween(before, after);
  assert.deepEqual(shown.ops, [
    { insert: 'Hello ' },
    { insert: 'new', attributes: { bold: true, ...INSERTED } },
    { insert: 'old', attributes: DELETED },
    { insert: ' world\n' },
  ]);
});

test('restoring applies one change that turns the current document into the version', () => {
  const version = new Delta().insert('first draft\n');
  const current = new Delta().insert('first ').insert('final', { italic: true }).insert(' draft, more\n');
  const change = restoreChange(current, version);
  assert.deepEqual(current.compose(change), version);
});
