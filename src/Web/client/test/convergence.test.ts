// Seeded random worlds: edits, frame deliveries in any order, duplicated deliveries, dropped
// connections, offline spells and reloads, then heal. Every session must end on the server's
// document at its head, with every inserted character present once unless someone deleted it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { World } from './harness.js';
import { seeded, settle } from './sim.js';

const BASE_SEED = Number(process.env.SEED ?? Date.now() % 1_000_000);
const WORLDS = Number(process.env.WORLDS ?? 60);
const STEPS = 600;

async function runWorld(seed: number): Promise<void> {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const world = new World(seed);
  const sessions = ['ann', 'bob', 'cat'].map((name) => world.session(name));
  for (const s of sessions) await s.client.start();
  await world.quiesce();
  const inserted = new Set<string>();
  const deleted = new Set<string>();
  let nextChar = 0x4e00;

  for (let step = 0; step < STEPS; step++) {
    const r = random();
    const s = pick(sessions);
    if (r < 0.35) {
      if (!s.client.loaded) continue;
      const text = s.client.document().ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
      if (text.length > 0 && random() < 0.2) {
        const at = Math.floor(random() * text.length);
        const n = Math.min(text.length - at, 1 + Math.floor(random() * 3));
        for (const ch of text.slice(at, at + n)) deleted.add(ch);
        s.client.submit(new Delta().retain(at).delete(n));
      } else {
        const ch = String.fromCodePoint(nextChar++);
        inserted.add(ch);
        s.client.submit(new Delta().retain(Math.floor(random() * (text.length + 1))).insert(ch));
      }
    } else if (r < 0.8) {
      // Mostly the live connection; now and then a stale one with frames still queued.
      const socket = random() < 0.9 ? s.socket : pick(s.sockets);
      if (socket !== undefined) {
        if (random() < 0.5) socket.deliverUp();
        else socket.deliverDown(random() < 0.1 && /"a":"(op|ack)"/.test(JSON.stringify(socket.down[0])));
      }
    } else if (r < 0.92) {
      world.clock.advance(Math.floor(random() * 60));
    } else if (r < 0.95) {
      const socket = s.socket;
      if (socket !== undefined && !socket.closed) {
        // Sometimes the server gets what was sent before the connection dies, sometimes not.
        if (random() < 0.5) while (socket.up.length > 0) socket.deliverUp();
        world.server.kill(socket, pick([1006, 1011, 1012, 4000, 4008]));
      }
    } else if (r < 0.98) {
      s.client.setOnline(random() < 0.6);
    } else {
      await s.reload(random() < 0.7);
    }
    await settle();
  }

  for (const s of sessions) s.client.setOnline(true);
  await world.quiesce(20_000);
  const expected = [...inserted].filter((ch) => !deleted.has(ch)).sort().join('');
  const serverText = world.server.document.ops.map((op) => op.insert).join('');
  assert.equal([...serverText].sort().join(''), expected, `seed ${seed}: the server lost or doubled an edit`);
  for (const s of sessions) {
    assert.equal(s.client.phase, 'live', `seed ${seed}: ${s.name} is not live`);
    assert.equal(s.client.state?.kind, 'Synchronized', `seed ${seed}: ${s.name} still has pending ops`);
    assert.equal(s.client.revision, world.server.head, `seed ${seed}: ${s.name} is behind`);
    assert.deepEqual(s.client.document(), world.server.document, `seed ${seed}: ${s.name} diverged`);
  }
  if (process.env.VERBOSE) console.log(`seed ${seed}: head ${world.server.head}, inserted ${inserted.size}, deleted ${deleted.size}, connections ${sessions.map((s) => s.sockets.length).join("/")}`);
  const keys = world.server.ops.map((op) => `${op.client}:${op.seq}`);
  assert.equal(new Set(keys).size, keys.length, `seed ${seed}: an op was applied twice`);
}

test(`Random interleavings, reconnects, reloads and duplicated deliveries converge (seed ${BASE_SEED}, ${WORLDS} worlds)`, async () => {
  console.log(`convergence: SEED=${BASE_SEED} WORLDS=${WORLDS} (rerun one with SEED=<seed> WORLDS=1)`);
  for (let i = 0; i < WORLDS; i++) await runWorld(BASE_SEED + i);
});
