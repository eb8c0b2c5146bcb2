import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { MemoryPendingStore } from '../src/lib/pending-store.js';
import { colorOf, initialsOf, peopleOf } from '../src/lib/people.js';
import { twoLive, World } from './harness.js';
import { settle } from './sim.js';

test('initials are the first letters of two words, or the first two letters, as whole characters', () => {
  assert.equal(initialsOf('Ada Lovelace'), 'AL');
  assert.equal(initialsOf('bob.smith'), 'BS');
  assert.equal(initialsOf('carol'), 'CA');
  assert.equal(initialsOf('émile'), 'ÉM');
  assert.equal(initialsOf('日本語'), '日本');
  assert.equal(initialsOf('😀x'), '😀X');
  assert.equal(initialsOf('---'), '?');
});

test('a user is one avatar in one colour, idle only when every tab of theirs is idle, self first', () => {
  const people = peopleOf([
    { client: 's1', user: 'zoe', idle: true, hasCursor: true },
    { client: 's2', user: 'zoe', idle: false, hasCursor: false },
    { client: 's3', user: 'bob', idle: true, hasCursor: false },
    { client: 's4', user: 'me', idle: false, hasCursor: true },
  ], 'me');
  assert.deepEqual(people.map((p) => [p.user, p.idle, p.cursorClient]), [['me', false, 's4'], ['bob', true, null], ['zoe', false, 's1']]);
  assert.equal(people[2]!.color, colorOf('zoe'));
  assert.equal(people[2]!.initials, 'ZO');
});

test('a collaborator without a cursor is here for the others, and their idleness shows', async () => {
  // Bob never focuses the editor: he reads.
  const { world, ann, bob } = await twoLive();
  let seen: { user: string; idle: boolean; hasCursor: boolean }[] = [];
  ann.client.on('people', (list) => { seen = list.map(({ user, idle, hasCursor }) => ({ user, idle, hasCursor })); });
  bob.client.setSelection(null);
  await world.quiesce();
  assert.deepEqual(seen, [{ user: 'bob', idle: false, hasCursor: false }]);
  bob.client.setIdle(true);
  await world.quiesce();
  assert.deepEqual(seen, [{ user: 'bob', idle: true, hasCursor: false }]);
  bob.client.setIdle(false);
  bob.client.setSelection({ index: 0, length: 0 });
  await world.quiesce();
  assert.deepEqual(seen, [{ user: 'bob', idle: false, hasCursor: true }]);
});

test('presence is repeated every heartbeat while live, so a reader does not expire', async () => {
  const world = new World();
  const ann = world.session('ann', new MemoryPendingStore(), true, { presenceHeartbeatMs: 10_000 });
  await ann.client.start();
  for (let i = 0; i < 20; i++) {
    await settle();
    while (ann.socket!.up.length > 0) ann.socket!.deliverUp();
    while (ann.socket!.down.length > 0) ann.socket!.deliverDown();
  }
  assert.equal(ann.client.phase, 'live');
  const count = () => world.server.received.filter((f) => f.a === 'presence').length;
  const atStart = count();
  for (let t = 0; t < 30; t++) {
    world.clock.advance(1_000);
    await settle();
    while (ann.socket!.up.length > 0) ann.socket!.deliverUp();
  }
  assert.equal(atStart, 1); // "here" when it subscribed
  assert.equal(count() - atStart, 3); // at 10, 20 and 30 s
  ann.client.stop();
});

test('who is here is told when it changes, not on every edit', async () => {
  // The avatars are rebuilt on each 'people': an edit must not rebuild them (nor take the focus).
  const { world, ann, bob } = await twoLive();
  let told = 0;
  ann.client.on('people', () => { told++; });
  bob.client.setSelection({ index: 0, length: 0 });
  await world.quiesce();
  const afterPresence = told;
  const before = world.server.received.length;
  for (let i = 0; i < 5; i++) {
    bob.client.submit(new Delta().insert('x'));
    ann.client.submit(new Delta().insert('y'));
    await world.quiesce();
  }
  assert.equal(afterPresence, 1);
  // Each of bob's acks may re-send his moved cursor: that is presence, the edits themselves are not.
  const presenceFrames = world.server.received.slice(before).filter((f) => f.a === 'presence').length;
  assert.ok(told - afterPresence <= presenceFrames, `told ${told - afterPresence} times for ${presenceFrames} presence frames`);
  assert.equal(ann.client.document().length(), 10);
});
