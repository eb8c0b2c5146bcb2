// Seeded random worlds: edits, frame deliveries in any order, duplicated deliveries, dropped
// connections, offline spells and reloads, then heal. Every session must end on the server's
// document at its head, with every inserted character present once unless someone deleted it.
// Harsher worlds add a server that forgets history (stale `from` answered by a snapshot, old
// bases by `resync`), loses acks with their connection, and refuses ops holding a "poison"
// character: then only the refused ops' characters may be missing, and nothing is doubled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { World } from './harness.js';
import { seeded, settle } from './sim.js';

const BASE_SEED = Number(process.env.SEED ?? Date.now() % 1_000_000);
const WORLDS = Number(process.env.WORLDS ?? 60);
const STEPS = 600;

interface Faults { keepOps?: number; loseAcks?: number; poison?: number }

const POISON = 0xe000;
const isPoison = (ch: string) => ch.codePointAt(0)! >= POISON && ch.codePointAt(0)! < POISON + 0x1000;

/** How often the harsh paths were taken, so a test can show it exercised them. */
const taken = { refused: 0, dupAcks: 0, staleSubs: 0 };

async function runWorld(seed: number, faults: Faults = {}): Promise<void> {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const world = new World(seed);
  const faultRandom = seeded(seed ^ 0x5eed);
  if (faults.keepOps !== undefined) world.server.keepOps = faults.keepOps;
  if (faults.loseAcks !== undefined) world.server.loseAck = () => faultRandom() < faults.loseAcks!;
  if (faults.poison !== undefined) {
    world.server.refuse = (d) => (d.ops.some((o) => typeof o.insert === 'string' && [...o.insert].some(isPoison)) ? 'bad_attribute' : null);
  }
  let nextPoison = POISON;
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
        const ch = faults.poison !== undefined && random() < faults.poison ? String.fromCodePoint(nextPoison++) : String.fromCodePoint(nextChar++);
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
  const refusedIns = new Set(world.server.refused.flatMap((r) => [...r.inserted]));
  const undeleted = new Set(world.server.refused.flatMap((r) => [...r.deleted]));
  const serverChars = [...world.server.document.ops.map((op) => op.insert).join('')];
  assert.equal(new Set(serverChars).size, serverChars.length, `seed ${seed}: a character is in the document twice`);
  // Kept for sure: not deleted, not in a refused op. May be back: deleted only by a refused op.
  const must = [...inserted].filter((ch) => !deleted.has(ch) && !refusedIns.has(ch)).sort().join('');
  const present = serverChars.filter((ch) => !(deleted.has(ch) && undeleted.has(ch))).sort().join('');
  assert.equal(present, must, `seed ${seed}: the server lost, kept a refused, or doubled an edit`);
  for (const ch of serverChars) assert.ok(!isPoison(ch), `seed ${seed}: a refused character was applied`);
  for (const s of sessions) {
    assert.equal(s.client.phase, 'live', `seed ${seed}: ${s.name} is not live`);
    assert.equal(s.client.state?.kind, 'Synchronized', `seed ${seed}: ${s.name} still has pending ops`);
    assert.equal(s.client.revision, world.server.head, `seed ${seed}: ${s.name} is behind`);
    assert.deepEqual(s.client.document(), world.server.document, `seed ${seed}: ${s.name} diverged`);
  }
  if (process.env.VERBOSE) console.log(`seed ${seed}: head ${world.server.head}, inserted ${inserted.size}, deleted ${deleted.size}, connections ${sessions.map((s) => s.sockets.length).join("/")}`);
  taken.refused += world.server.refused.length;
  taken.dupAcks += world.server.dupAcks;
  taken.staleSubs += world.server.staleSubs;
  const keys = world.server.ops.map((op) => `${op.client}:${op.seq}`);
  assert.equal(new Set(keys).size, keys.length, `seed ${seed}: an op was applied twice`);
}

test(`Random interleavings, reconnects, reloads and duplicated deliveries converge (seed ${BASE_SEED}, ${WORLDS} worlds)`, async () => {
  console.log(`convergence: SEED=${BASE_SEED} WORLDS=${WORLDS} (rerun one with SEED=<seed> WORLDS=1)`);
  for (let i = 0; i < WORLDS; i++) await runWorld(BASE_SEED + i);
});

test(`Worlds whose server forgets history and loses acks converge with no op applied twice (seed ${BASE_SEED})`, async () => {
  const before = { ...taken };
  for (let i = 0; i < WORLDS; i++) await runWorld(BASE_SEED + i, { keepOps: 2, loseAcks: 0.15 });
  assert.ok(taken.dupAcks > before.dupAcks && taken.staleSubs > before.staleSubs, `no resend was a duplicate or no sub was stale: ${JSON.stringify(taken)}`);
});

test(`Worlds whose server refuses some ops lose only the refused ops (seed ${BASE_SEED})`, async () => {
  const before = taken.refused;
  for (let i = 0; i < WORLDS; i++) await runWorld(BASE_SEED + i, { poison: 0.05, keepOps: 5, loseAcks: 0.05 });
  assert.ok(taken.refused > before, 'no op was refused');
});
