import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { IndexedDbPendingStore } from '../src/lib/indexeddb-store.js';
import type { PendingRecord } from '../src/lib/pending-store.js';

test('IndexedDB store keeps pending ops per document and client across reopening', async () => {
  const factory = new IDBFactory();
  const record: PendingRecord = {
    doc: 'plan', clientId: 'tab-1', seq: 4, rev: 9, server: [{ insert: 'Hi\n' }],
    inflight: { seq: 4, ops: [{ insert: 'A' }] }, buffer: [{ retain: 1 }, { insert: 'B' }],
  };
  const first = await IndexedDbPendingStore.open(factory, IDBKeyRange);
  await first.save(record);
  first.close();
  const second = await IndexedDbPendingStore.open(factory, IDBKeyRange);
  assert.deepEqual(await second.load('plan', 'tab-1'), record);
  assert.equal(await second.load('plan', 'tab-2'), null);
  assert.equal(await second.load('other', 'tab-1'), null);
  await second.save({ ...record, doc: 'plan-b' });
  await second.save({ ...record, clientId: 'tab-0' });
  assert.deepEqual((await second.list('plan')).map((r) => r.clientId), ['tab-0', 'tab-1']);
  second.close();
});
