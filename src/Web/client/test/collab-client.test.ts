import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { ops, twoLive, World } from './harness.js';
import { settle } from './sim.js';


test('A session subscribes without from, takes the snapshot, and reports connected then saved', async () => {
  const world = new World();
  const ann = world.session('ann');
  await ann.client.start();
  await world.quiesce();
  assert.equal(ann.client.phase, 'live');
  assert.deepEqual(world.server.received.slice(0, 2), [{ a: 'hello', v: 1, token: 'ann' }, { a: 'sub', doc: 'doc-1' }]);
  assert.deepEqual(ann.statuses, ['offline', 'connected', 'saved']);
});

test('Keystrokes within the coalescing window are sent as one op', async () => {
  const { world, ann, bob } = await twoLive();
  for (const [i, ch] of [...'typing'].entries()) {
    ann.client.submit(new Delta().retain(i).insert(ch));
    world.clock.advance(4);
  }
  await world.quiesce();
  assert.equal(ops(world.server.received).length, 1);
  assert.deepEqual(bob.client.document(), new Delta().insert('typing'));
});

test('Only one op is in flight; edits typed meanwhile go out as one op after the ack', async () => {
  const { world, ann } = await twoLive();
  ann.client.submit(new Delta().insert('a'));
  world.clock.advance(30);
  for (let i = 1; i <= 5; i++) { ann.client.submit(new Delta().retain(i).insert('b')); world.clock.advance(31); }
  assert.equal(ann.socket!.up.filter((f) => f.includes('"a":"op"')).length, 1);
  assert.equal(ann.client.state?.kind, 'AwaitingWithBuffer');
  await world.quiesce();
  assert.deepEqual(ops(world.server.received).map((f) => f.seq), [1, 2]);
  assert.deepEqual(world.server.document, new Delta().insert('abbbbb'));
});

test('Reconnect resubscribes from the last revision and resends the in-flight op with the same client and seq', async () => {
  const { world, ann, bob } = await twoLive();
  bob.client.submit(new Delta().insert('bob '));
  await world.quiesce();
  ann.client.submit(new Delta().insert('ann '));
  world.clock.advance(30);
  // The op reaches the server, the ack is lost with the connection.
  ann.socket!.deliverUp();
  world.server.kill(ann.socket!);
  await world.quiesce();
  const submits = ops(world.server.received).filter((f) => f.client === ann.clientId);
  assert.deepEqual(submits.map((f) => f.seq), [1]);
  const subs = world.server.received.filter((f) => f.a === 'sub');
  assert.deepEqual(subs.at(-1), { a: 'sub', doc: 'doc-1', from: 1 });
  assert.equal(world.server.head, 2);
  assert.deepEqual(ann.client.document(), world.server.document);
  assert.equal(ann.client.state?.kind, 'Synchronized');
});

test('An op lost before the server saw it is resent with the same seq after reconnecting', async () => {
  const { world, ann } = await twoLive();
  ann.client.submit(new Delta().insert('x'));
  world.clock.advance(30);
  world.server.kill(ann.socket!);
  await world.quiesce();
  assert.deepEqual(ops(world.server.received).map((f) => [f.client, f.seq]), [[ann.clientId, 1]]);
  assert.deepEqual(world.server.document, new Delta().insert('x'));
});

test('A duplicated op or ack delivery changes nothing', async () => {
  const { world, ann, bob } = await twoLive();
  ann.client.submit(new Delta().insert('once'));
  world.clock.advance(30);
  ann.socket!.deliverUp();
  ann.socket!.deliverDown(true);
  bob.socket!.deliverDown(true);
  await world.quiesce();
  assert.deepEqual(ann.client.document(), new Delta().insert('once'));
  assert.deepEqual(bob.client.document(), new Delta().insert('once'));
});

test('Edits made offline survive a reload and are sent when the browser is back online', async () => {
  const world = new World();
  const ann = world.session('ann');
  await ann.client.start();
  await world.quiesce();
  ann.client.setOnline(false);
  assert.equal(ann.statuses.at(-1), 'offline');
  ann.client.submit(new Delta().insert('kept '));
  world.clock.advance(30);
  ann.client.submit(new Delta().retain(5).insert('offline'));
  await ann.reload(false);
  assert.deepEqual(ann.client.document(), new Delta().insert('kept offline'));
  assert.equal(world.server.head, 0);
  ann.client.setOnline(true);
  await world.quiesce();
  assert.deepEqual(world.server.document, new Delta().insert('kept offline'));
  assert.equal(ann.statuses.at(-1), 'saved');
});

test('A reload after the op was applied but before its ack takes the replayed op as the ack', async () => {
  const { world, ann, bob } = await twoLive();
  ann.client.submit(new Delta().insert('ann'));
  world.clock.advance(30);
  ann.socket!.deliverUp();
  world.server.kill(ann.socket!);
  await ann.reload();
  await world.quiesce();
  assert.equal(world.server.head, 1);
  assert.deepEqual(ann.client.document(), new Delta().insert('ann'));
  assert.deepEqual(bob.client.document(), new Delta().insert('ann'));
  assert.equal(ann.client.state?.kind, 'Synchronized');
});

test('Status goes saving while an op is unacknowledged and saved after the ack', async () => {
  const { world, ann } = await twoLive();
  ann.client.submit(new Delta().insert('x'));
  assert.equal(ann.statuses.at(-1), 'saving');
  await world.quiesce();
  assert.equal(ann.statuses.at(-1), 'saved');
});

test('Presence is throttled to one frame per window and converted to server coordinates', async () => {
  const { world, ann } = await twoLive();
  const before = world.server.received.length; // each session said it is here when it subscribed
  for (let i = 0; i < 20; i++) { ann.client.setSelection({ index: 0, length: 0 }); world.clock.advance(5); }
  await world.quiesce();
  const presence = world.server.received.slice(before).filter((f) => f.a === 'presence');
  assert.ok(presence.length <= 2, `20 selection changes in 100 ms sent ${presence.length} presence frames`);
});

test('A collaborator cursor moves through remote and local edits', async () => {
  const { world, ann, bob } = await twoLive();
  ann.client.submit(new Delta().insert('abcdef'));
  await world.quiesce();
  let seen: { index: number; length: number } | undefined;
  ann.client.on('cursors', (list) => { seen = list.find((c) => c.user === 'bob')?.range; });
  bob.client.setSelection({ index: 3, length: 1 });
  await world.quiesce();
  assert.deepEqual(seen, { index: 3, length: 1 });
  ann.client.submit(new Delta().insert('XY')); // local, before the cursor
  assert.deepEqual(seen, { index: 5, length: 1 });
  await world.quiesce();
  world.sessions.push(world.session('cat'));
  const cat = world.sessions.at(-1)!;
  await cat.client.start();
  await world.quiesce();
  cat.client.submit(new Delta().insert('123')); // remote, before the cursor
  await world.quiesce();
  assert.deepEqual(seen, { index: 8, length: 1 });
});

test('Without a refresh callback a 4401 close stops reconnecting and reports the error', async () => {
  const { world, ann } = await twoLive();
  world.server.kill(ann.socket!, 4401);
  await world.quiesce();
  assert.equal(ann.statuses.at(-1), 'error');
  assert.equal(ann.sockets.length, 1);
});

test('A failing server is retried with growing delays, and 1012 reconnects at once', async () => {
  const { world, ann } = await twoLive();
  world.server.reachable = false;
  world.server.kill(ann.socket!);
  const start = world.clock.now;
  for (let i = 0; i < 6; i++) { await settle(); ann.socket!.deliverDown(); world.clock.fireNext(); }
  assert.equal(ann.sockets.length, 7);
  assert.ok(world.clock.now - start > 1000, `six retries took only ${world.clock.now - start} ms`);
  world.server.reachable = true;
  await world.quiesce();
  assert.equal(ann.client.phase, 'live');
  const before = world.clock.now;
  let liveAgain = -1;
  const off = ann.client.on('status', (s) => { if (s === 'connected' && liveAgain < 0) liveAgain = world.clock.now; });
  world.server.kill(ann.socket!, 1012);
  await world.quiesce();
  off();
  assert.equal(ann.client.phase, 'live');
  assert.ok(liveAgain - before <= 250, `1012 reconnect waited ${liveAgain - before} ms`);
});

test('A live connection that hears nothing for the idle timeout is replaced', async () => {
  const world = new World();
  const ann = world.session('ann', undefined, true, { idleTimeoutMs: 1000 });
  await ann.client.start();
  await world.deliverAll();
  assert.equal(ann.client.phase, 'live');
  world.clock.advance(900);
  ann.socket!.push({ a: 'ping', t: 1 }); // any frame proves the server is there
  await world.deliverAll();
  world.clock.advance(900);
  assert.equal(ann.sockets.length, 1);
  world.clock.advance(200);
  assert.equal(ann.client.phase, 'idle');
  world.clock.advance(10_000);
  await world.deliverAll();
  assert.equal(ann.sockets.length, 2);
  assert.equal(ann.client.phase, 'live');
  assert.deepEqual(world.server.received.filter((f) => f.a === 'pong'), [{ a: 'pong', t: 1 }]);
});
