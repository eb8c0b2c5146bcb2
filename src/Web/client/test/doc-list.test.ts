import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ago, listUrl, mayDelete, parsePage, restoredTo, rowDetails, type DocRow } from '../src/lib/doc-list.js';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const row: DocRow = {
  id: 'doc-1', title: '日本語の文書', owner: 'alice', role: 'editor',
  lastEditedAt: NOW - 5 * 60_000, lastEditedBy: 'bob', deletedAt: null, restorableUntil: null,
};

test('a page of the server answer is read row by row, and anything else is refused', () => {
  const page = parsePage({ list: 'shared', items: [row], next: 'abc' });
  assert.deepEqual(page, { items: [row], next: 'abc' });
  assert.equal(parsePage({ items: [{ ...row, role: 'admin' }], next: null }), null);
  assert.equal(parsePage({ items: [{ ...row, lastEditedAt: 'yesterday' }], next: null }), null);
  assert.equal(parsePage({ items: 'none', next: null }), null);
  assert.equal(parsePage(null), null);
});

test('the address of a page carries the list, the size, a trimmed search and the cursor', () => {
  assert.equal(listUrl('mine', '', null), '/api/docs?list=mine&limit=20');
  assert.equal(listUrl('shared', '  日本 ', 'Y3Vy', 5), `/api/docs?list=shared&limit=5&q=${encodeURIComponent('日本')}&cursor=Y3Vy`);
});

test('times read as a person says them', () => {
  assert.equal(ago(NOW - 10_000, NOW), 'just now');
  assert.equal(ago(NOW - 5 * 60_000, NOW), '5 minutes ago');
  assert.equal(ago(NOW - 86_400_000, NOW), 'yesterday');
  assert.equal(ago(NOW - 3 * 86_400_000, NOW), '3 days ago');
});

test('a row says who owns it, the reader role and who edited it last', () => {
  assert.equal(rowDetails(row, 'shared', NOW), 'Owner: alice · You: editor · Edited 5 minutes ago by bob');
  assert.equal(rowDetails({ ...row, role: 'owner' }, 'mine', NOW), 'You: owner · Edited 5 minutes ago by bob');
  assert.equal(rowDetails({ ...row, lastEditedAt: null, lastEditedBy: null }, 'shared', NOW), 'Owner: alice · You: editor · Never edited');
});

test('a row in the trash says when it was deleted and until when it can come back', () => {
  const deleted = { ...row, role: 'owner' as const, deletedAt: NOW - 2 * 3_600_000, restorableUntil: Date.UTC(2027, 0, 2, 12) };
  assert.match(rowDetails(deleted, 'trash', NOW), /^Owner: alice · You: owner · Deleted 2 hours ago · restorable until 1\/2\/2027$/);
});

test('only owners may delete, and a restored document goes back to its owner list or to shared', () => {
  assert.equal(mayDelete(row), false);
  assert.equal(mayDelete({ ...row, role: 'owner' }), true);
  assert.equal(restoredTo(row, 'alice'), 'mine');
  assert.equal(restoredTo(row, 'carol'), 'shared');
});
