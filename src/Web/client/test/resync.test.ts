// Refused ops and the resync contract: what a session does when the server refuses an op,
// answers `sub {from}` with a snapshot, answers a resend as a duplicate, or reports an error
// about the document itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { ops, twoLive, type Session } from './harness.js';


/** Counts the times the whole editor was replaced (which moves the caret to the start). */
function resetsOf(s: Session): () => number {
  let resets = 0;
  s.client.on('reset', () => { resets++; });
  return () => resets;
}

const type = (s: Session, at: number, text: string) => s.client.submit(new Delta().retain(at).insert(text));

test('A refused op is dropped alone: edits before and after it survive, the editor is changed not reset', async () => {
  const { world, ann, bob } = await twoLive();
  world.server.refuse = (d) => (d.ops.some((o) => typeof o.insert === 'string' && o.insert.includes('BAD')) ? 'too_large' : null);
  type(ann, 0, 'before ');
  await world.quiesce();
  const resets = resetsOf(ann);
  let local = ann.client.document();
  const submit = (d: Delta) => { local = local.compose(d); ann.client.submit(d); };
  ann.client.on('remote', (d) => { local = local.compose(d); });
  submit(new Delta().retain(7).insert('BAD'));
  world.clock.advance(30); // sent: in flight
  submit(new Delta().retain(10).insert(' after'));
  world.clock.advance(30); // in the buffer
  const notices: string[] = [];
  ann.client.on('notice', (m) => notices.push(m));
  await world.quiesce();
  assert.deepEqual(world.server.document, new Delta().insert('before  after'));
  assert.deepEqual(ann.client.document(), world.server.document);
  assert.deepEqual(bob.client.document(), world.server.document);
  assert.deepEqual(local, world.server.document, 'the editor, moved by changes, shows the server document');
  assert.equal(resets(), 0);
  assert.equal(notices.length, 1);
  assert.match(notices[0]!, /inserting 3 characters \("BAD"\) was removed because it was larger than the server accepts/);
  assert.doesNotMatch(notices[0]!, /too_large/);
  assert.equal(ann.statuses.at(-1), 'refused');
  assert.ok(!ann.statuses.slice(ann.statuses.lastIndexOf('saving')).includes('saved'), 'a refused edit was reported saved');
  ann.client.dismissNotices();
  assert.equal(ann.statuses.at(-1), 'saved');
});

test('A snapshot answering sub {from} is applied and pending edits are rebased onto it', async () => {
  const { world, ann, bob } = await twoLive();
  world.server.keepOps = 0;
  ann.client.setOnline(false);
  type(bob, 0, 'bob ');
  await world.quiesce();
  type(ann, 0, 'ann ');
  world.clock.advance(30);
  ann.client.setOnline(true);
  await world.quiesce();
  assert.equal(world.server.staleSubs, 1);
  assert.equal(world.server.head, 2);
  assert.deepEqual(ann.client.document(), world.server.document);
  assert.equal([...world.server.document.ops.map((o) => o.insert).join('')].sort().join(''), [...'ann bob '].sort().join(''));
  assert.equal(ann.statuses.at(-1), 'saved');
});

test('An op applied whose ack was lost keeps its seq across a snapshot resync and is applied once', async () => {
  const { world, ann, bob } = await twoLive();
  type(ann, 0, 'Hello');
  world.clock.advance(30);
  ann.socket!.deliverUp(); // applied at revision 1, the ack is lost with the connection
  world.server.kill(ann.socket!);
  ann.socket!.deliverDown();
  type(ann, 5, ' world'); // typed on top of the unacknowledged op
  world.clock.advance(30);
  await world.deliverAll(); // bob sees "Hello"; ann stays away until her reconnect timer
  world.server.keepOps = 0;
  type(bob, 0, '> ');
  await world.quiesce();
  const sent = ops(world.server.received).filter((f) => f.client === ann.clientId);
  assert.deepEqual(sent.map((f) => f.seq), [1, 1, 2], 'the resend kept seq 1 and the next edit is seq 2');
  assert.equal(world.server.dupAcks, 1);
  assert.deepEqual(world.server.document, new Delta().insert('> Hello world'));
  assert.deepEqual(ann.client.document(), world.server.document);
  assert.deepEqual(bob.client.document(), world.server.document);
});

test('Edits of the text of an op whose ack was lost survive when the resync finds it applied', async () => {
  const { world, ann } = await twoLive();
  type(ann, 0, 'abcdef');
  world.clock.advance(30);
  ann.socket!.deliverUp();
  world.server.kill(ann.socket!);
  ann.socket!.deliverDown();
  ann.client.submit(new Delta().retain(2).delete(2)); // deletes "cd" of the op in flight
  world.clock.advance(30);
  world.server.keepOps = 0; // history is gone: sub {from: 0} gets a snapshot
  await world.quiesce();
  assert.deepEqual(world.server.document, new Delta().insert('abef'));
  assert.deepEqual(ann.client.document(), world.server.document);
});

test('An error about the subscribed document with no seq makes the session subscribe again', async () => {
  const { world, ann, bob } = await twoLive();
  const subs = () => world.server.received.filter((f) => f.a === 'sub').length;
  const before = subs();
  ann.socket!.push({ a: 'error', code: 'unavailable', message: 'the document is moving', doc: 'doc-1' });
  await world.quiesce();
  assert.equal(subs(), before + 1);
  type(bob, 0, 'still live');
  await world.quiesce();
  assert.deepEqual(ann.client.document(), new Delta().insert('still live'));
  assert.equal(ann.client.phase, 'live');
});

test('Repeated errors about the document show it unavailable while retrying', async () => {
  const { world, ann } = await twoLive();
  for (let i = 0; i < 3; i++) {
    ann.socket!.push({ a: 'error', code: 'unavailable', message: 'no shard', doc: 'doc-1' });
    ann.socket!.deliverDown();
  }
  assert.equal(ann.statuses.at(-1), 'unavailable');
  await world.quiesce();
  assert.equal(ann.client.phase, 'live');
});

test("Presence from this tab's own earlier session is not shown as a collaborator", async () => {
  const { world, ann } = await twoLive();
  const seen: string[] = [];
  ann.client.on('cursors', (list) => seen.push(...list.map((c) => c.client)));
  const earlier = ann.socket!.session;
  world.server.kill(ann.socket!);
  await world.quiesce();
  ann.socket!.push({ a: 'presence', doc: 'doc-1', client: earlier, user: 'ann', rev: 0, range: { index: 0, length: 0 } });
  ann.socket!.push({ a: 'presence', doc: 'doc-1', client: 'someone-else', user: 'bob', rev: 0, range: { index: 0, length: 0 } });
  await world.quiesce();
  assert.deepEqual([...new Set(seen)], ['someone-else']);
});

test('Going offline clears the collaborators shown', async () => {
  const { world, ann, bob } = await twoLive();
  let shown = -1;
  ann.client.on('cursors', (list) => { shown = list.length; });
  bob.client.setSelection({ index: 0, length: 0 });
  await world.quiesce();
  assert.equal(shown, 1);
  ann.client.setOnline(false);
  assert.equal(shown, 0);
});

test('A session that goes offline is gone for the others at once', async () => {
  // The socket closes and the server tells the others (gone): no frame of its own is needed.
  const { world, ann, bob } = await twoLive();
  let people: string[] = [];
  bob.client.on('people', (list) => { people = list.map((p) => p.user); });
  ann.client.setSelection({ index: 0, length: 0 });
  await world.quiesce();
  assert.deepEqual(people, ['ann']);
  ann.client.setOnline(false);
  await world.quiesce();
  assert.deepEqual(people, []);
});

test('An edit refused as forbidden turns the session view-only: pending edits removed, nothing queued again', async () => {
  const { world, ann, bob } = await twoLive();
  type(ann, 0, 'kept ');
  await world.quiesce();
  world.server.refuse = () => 'forbidden';
  let viewOnly = false;
  ann.client.on('viewOnly', () => { viewOnly = true; });
  type(ann, 5, 'refused');
  world.clock.advance(30);
  type(ann, 12, ' and this');
  await world.quiesce();
  assert.ok(viewOnly);
  assert.deepEqual(ann.client.document(), new Delta().insert('kept '));
  assert.equal(ann.client.state?.kind, 'Synchronized');
  assert.match(ann.client.notices.at(-1)!, /you may only view this document/);
  const sent = ops(world.server.received).length;
  type(ann, 0, 'more');
  await ann.reload();
  await world.quiesce();
  assert.equal(ops(world.server.received).length, sent, 'a view-only session sent an op');
  assert.equal(ann.client.phase, 'live');
  assert.deepEqual(bob.client.document(), new Delta().insert('kept '));
});
