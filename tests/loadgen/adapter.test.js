'use strict';
// The adapter's client-side OT against an in-process authority that sequences like ours
// (applied.transform(submitted, true)) and delivers frames to each client in order but with
// random interleaving between clients. Run: node --test tests/loadgen/
const test = require('node:test');
const assert = require('node:assert');
const Delta = require('quill-delta');
const { _DocHandle: DocHandle, canonical } = require('./akkacollab-adapter.js');

// mulberry32: the same seed gives the same interleaving
function prng(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

// The authority: a log of ops, each submit transformed over every op after its base revision.
function authority(initial) {
  const log = [];
  let doc = new Delta().insert(initial);
  const outboxes = new Map();
  return {
    get doc() { return doc; },
    get rev() { return log.length; },
    attach(id) { outboxes.set(id, []); },
    outbox(id) { return outboxes.get(id); },
    submit(m) {
      let delta = new Delta(m.delta.ops);
      for (let r = m.rev; r < log.length; r++) delta = log[r].transform(delta, true);
      log.push(delta);
      doc = doc.compose(delta);
      const rev = log.length;
      for (const [id, box] of outboxes) {
        box.push(id === m.client ? { a: 'ack', doc: 'd', seq: m.seq, rev }
          : { a: 'op', doc: 'd', rev, client: m.client, seq: m.seq, delta: { ops: delta.ops } });
      }
    },
  };
}

function fakeClient(id, inbox) {
  return { id, ws: { readyState: 1 }, send: (m) => inbox.push(m) };
}

function randomEdit(rnd, length) {
  const pos = Math.floor(rnd() * length);
  const base = pos > 0 ? new Delta().retain(pos) : new Delta();
  if (rnd() < 0.3 && length - pos > 1) return base.delete(1 + Math.floor(rnd() * Math.min(3, length - pos - 1))).ops;
  return base.insert('xyz'.slice(0, 1 + Math.floor(rnd() * 3))).ops;
}

function simulate(seed, { clients = 3, steps = 400 } = {}) {
  const rnd = prng(seed);
  const server = authority('hello world\n');
  const toServer = [];
  const handles = [];
  for (let c = 0; c < clients; c++) {
    const id = `c${c}`;
    server.attach(id);
    const h = new DocHandle(fakeClient(id, toServer), 'd');
    h._receive({ a: 'snapshot', doc: 'd', rev: server.rev, delta: { ops: server.doc.ops } });
    h._receive({ a: 'subscribed', doc: 'd', rev: server.rev });
    handles.push(h);
  }
  const acks = [];
  for (let i = 0; i < steps; i++) {
    const x = rnd();
    if (x < 0.4) {
      const c = Math.floor(rnd() * clients);
      handles[c].submit(randomEdit(rnd, handles[c].length()), (err, rev) => acks.push({ err, rev }));
    } else if (x < 0.7 && toServer.length) {
      server.submit(toServer.shift());
    } else {
      const c = Math.floor(rnd() * clients);
      const box = server.outbox(`c${c}`);
      if (box.length) handles[c]._receive(box.shift());
    }
  }
  // Deliver everything that is left, in the same in-order-per-link way.
  while (toServer.length || handles.some((_, c) => server.outbox(`c${c}`).length)) {
    while (toServer.length) server.submit(toServer.shift());
    handles.forEach((h, c) => { const box = server.outbox(`c${c}`); while (box.length) h._receive(box.shift()); });
  }
  return { server, handles, acks };
}

test('Concurrent clients converge to the authority at the same revision', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const { server, handles, acks } = simulate(seed);
    const expected = canonical(server.doc.ops);
    for (const h of handles) {
      assert.strictEqual(h.contents(), expected, `seed ${seed}: ${h.client.id} diverged`);
      assert.strictEqual(h.version(), server.rev, `seed ${seed}: ${h.client.id} at the wrong revision`);
      assert.strictEqual(h.stats().gaps, 0, `seed ${seed}: revision gap`);
    }
    assert.ok(acks.every((a) => a.err === null), `seed ${seed}: a submit failed`);
  }
});

test('Every submit is acked once with a distinct revision', () => {
  const { acks, server } = simulate(7);
  const revs = acks.map((a) => a.rev);
  assert.strictEqual(new Set(revs).size, revs.length);
  assert.strictEqual(revs.length, server.rev);
});

test('A retryable error resends the same client and seq', async () => {
  const sent = [];
  const h = new DocHandle(fakeClient('c0', sent), 'd');
  h._receive({ a: 'snapshot', doc: 'd', rev: 1, delta: { ops: [{ insert: 'a\n' }] } });
  h._receive({ a: 'subscribed', doc: 'd', rev: 1 });
  h.submit([{ insert: 'b' }], () => {});
  h._receive({ a: 'error', doc: 'd', seq: 1, code: 'unavailable', message: 'slow' });
  await new Promise((r) => setTimeout(r, 300));
  assert.deepStrictEqual(sent.map((m) => [m.client, m.seq, m.rev]), [['c0', 1, 1], ['c0', 1, 1]]);
});

test('Canonical contents merge adjacent inserts', () => {
  assert.strictEqual(canonical([{ insert: 'ab' }, { insert: 'c\n' }]), canonical([{ insert: 'abc\n' }]));
});
