'use strict';
// S6: one hot document driven as hard as durable acks allow, with a load generator that is not
// what limits the rate. The anchor's clients (S3-hot) each keep the whole document and compose
// every remote op into it, which costs O(document) per op on every client: one process of them
// saturates near 1,000 ops/s on one document. Here --writers sockets each carry --lanes protocol
// clients (one op in flight per lane, the next sent on its ack), and a writer keeps only the
// document's revision and length, never its text: each op inserts 1-3 letters at a random index
// within the length at the newest revision the writer has seen, which is valid at that revision.
// The server transforms it over whatever was applied since, as for any concurrent editor.
//
// Protocol v1 only (our server): ShareDB has no equivalent client here, so the table shows S6 for
// ours alone. Checked after the drain: every writer's revision and a fresh GET agree on the head,
// and the server's text holds exactly the initial newline plus the letters of every acked op
// (counted letter by letter: nothing lost, nothing applied twice).
// Usage: node hot-writers.js --url ws://127.0.0.1:5470 [--writers 4] [--lanes 8] [--seconds 20]
//          [--warmup 5] [--drain 30] [--server-pid N] [--pg-pidfile F] [--label S6] [--out F]
// Prints the result JSON (the load generator's shape, so annotate.js and the table read it).
const fs = require('fs');
const WebSocket = require('ws');
const { performance } = require('perf_hooks');
const { sample, cpuBetween, vm, summarize, arg } = require('./procstat.js');

const opt = {
  url: arg('url', 'ws://127.0.0.1:5470'),
  writers: Number(arg('writers', 4)),
  lanes: Number(arg('lanes', 8)),
  seconds: Number(arg('seconds', 20)),
  warmup: Number(arg('warmup', 5)),
  drain: Number(arg('drain', 30)),
  serverPid: arg('server-pid', null) ? Number(arg('server-pid')) : null,
  pgPidfile: arg('pg-pidfile', '/tmp/pg-anchor/postmaster.pid'),
  label: arg('label', 'S6'),
  out: arg('out', null),
};
const HARD_LIMIT_S = opt.warmup + opt.seconds + opt.drain + 60;
setTimeout(() => { console.error(`watchdog: exceeded ${HARD_LIMIT_S}s, exiting`); process.exit(3); }, HARD_LIMIT_S * 1000).unref();

const base = new URL(opt.url);
const wsUrl = `${base.protocol}//${base.host}/ws`;
const httpUrl = `http://${base.host}`;
const docId = `hot-${Date.now().toString(36)}`;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

// One socket: hello, sub, then its lanes. Rejected ops are counted and not retried (the letters of
// a refused op are not expected in the text).
class Writer {
  constructor(index) {
    this.index = index;
    this.rev = -1;
    this.length = 0;
    this.lanes = [];
    // Acks carry (doc, seq) only: seqs are unique over the socket's lanes, so an ack names its lane.
    this.seq = 0;
    this.bySeq = new Map();
    this.errors = 0;
    this.errorSamples = [];
  }

  open() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error(`writer ${this.index}: not subscribed within 10 s`)), 10000);
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ a: 'hello', v: 1, token: `hot-writer-${process.pid}-${this.index}` })));
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString());
        switch (m.a) {
          case 'hello': ws.send(JSON.stringify({ a: 'sub', doc: docId })); return;
          case 'snapshot': this.rev = m.rev; this.length = lengthOf(m.delta); return;
          case 'subscribed': clearTimeout(timer); if (this.rev < 0) this.rev = m.rev; resolve(); return;
          case 'ping': ws.send(JSON.stringify({ a: 'pong', t: m.t })); return;
          case 'op': this.seen(m.rev, m.delta); return;
          case 'ack': this.acked(m); return;
          case 'error':
            this.errors++;
            if (this.errorSamples.length < 5) this.errorSamples.push(`${m.code}: ${m.message}`);
            if (m.seq !== undefined) this.refused(m);
            return;
          default: return;
        }
      });
    });
  }

  seen(rev, delta) {
    if (rev <= this.rev) return;
    this.rev = rev;
    this.length += lengthChange(delta);
  }

  acked(m) {
    const lane = this.bySeq.get(m.seq);
    if (!lane || m.dup) return;
    this.bySeq.delete(m.seq);
    // Our own op: the ack is its only copy on this socket.
    this.seen(m.rev, { ops: [{ retain: 1 }, { insert: lane.inflight.text }] });
    lane.done(performance.now() - lane.inflight.t0, lane.inflight.text);
  }

  refused(m) {
    const lane = this.bySeq.get(m.seq);
    this.bySeq.delete(m.seq);
    if (lane) lane.done(null, null);
  }
}

function lengthOf(wire) {
  const ops = Array.isArray(wire) ? wire : (wire && wire.ops) || [];
  return ops.reduce((n, o) => n + (typeof o.insert === 'string' ? o.insert.length : o.insert !== undefined ? 1 : 0), 0);
}

function lengthChange(wire) {
  const ops = Array.isArray(wire) ? wire : (wire && wire.ops) || [];
  return ops.reduce((n, o) => n + (typeof o.insert === 'string' ? o.insert.length : o.insert !== undefined ? 1 : 0) - (o.delete || 0), 0);
}

async function createDocument() {
  const w = new Writer(-1);
  await w.open();
  await new Promise((resolve, reject) => {
    w.ws.on('message', (data) => { const m = JSON.parse(data.toString()); if (m.a === 'ack') resolve(); if (m.a === 'error') reject(new Error(m.message)); });
    w.ws.send(JSON.stringify({ a: 'op', doc: docId, client: 'hot-creator', seq: 1, rev: w.rev, delta: { ops: [{ insert: '\n' }] } }));
  });
  w.ws.close();
}

async function main() {
  await createDocument();
  const writers = Array.from({ length: opt.writers }, (_, i) => new Writer(i));
  await Promise.all(writers.map((w) => w.open()));

  const lat = [];
  const letters = new Map();
  let submitted = 0, acked = 0, s0 = null, stopping = false;
  const tWarm = performance.now() + opt.warmup * 1000;
  const tStop = tWarm + opt.seconds * 1000;
  let inflight = 0;
  let drained = null;
  for (const w of writers) {
    for (let k = 0; k < opt.lanes; k++) {
      const lane = { client: `hw${process.pid}-${w.index}-${k}`, inflight: null };
      lane.send = () => {
        if (stopping || performance.now() >= tStop) { stopping = true; return; }
        if (!s0 && performance.now() >= tWarm) s0 = sample(opt.serverPid, opt.pgPidfile);
        const n = 1 + Math.floor(Math.random() * 3);
        let text = '';
        for (let i = 0; i < n; i++) text += LETTERS[Math.floor(Math.random() * LETTERS.length)];
        // Before the final newline, anywhere in the text the writer has seen.
        const at = Math.floor(Math.random() * Math.max(1, w.length));
        const ops = at > 0 ? [{ retain: at }, { insert: text }] : [{ insert: text }];
        lane.inflight = { seq: ++w.seq, text, t0: performance.now(), measured: s0 !== null };
        w.bySeq.set(lane.inflight.seq, lane);
        inflight++;
        submitted++;
        w.ws.send(JSON.stringify({ a: 'op', doc: docId, client: lane.client, seq: lane.inflight.seq, rev: w.rev, delta: { ops } }));
      };
      lane.done = (ms, text) => {
        const p = lane.inflight;
        lane.inflight = null;
        inflight--;
        if (ms !== null) {
          acked++;
          if (p.measured) lat.push(ms);
          for (const c of text) letters.set(c, (letters.get(c) || 0) + 1);
        }
        if (stopping && inflight === 0 && drained) drained();
        // The next op leaves from the event loop, not from inside this frame's handler.
        setImmediate(lane.send);
      };
      w.lanes.push(lane);
    }
  }
  for (const w of writers) for (const l of w.lanes) l.send();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, tStop - performance.now())));
  stopping = true;
  const s1 = sample(opt.serverPid, opt.pgPidfile);
  if (!s0) s0 = s1;
  const settled = inflight === 0 || await new Promise((resolve) => {
    drained = () => resolve(true);
    setTimeout(() => resolve(inflight === 0), opt.drain * 1000);
  });
  const measuredAcks = lat.length;
  const secs = Math.max(0.001, (s1.t - s0.t) / 1000);

  // The head as every writer sees it once the last fan-out has arrived, and as the server has it.
  const fresh = await fetch(`${httpUrl}/api/docs/${encodeURIComponent(docId)}`).then((r) => (r.ok ? r.json() : null)).catch(() => null);
  for (let i = 0; i < 50 && writers.some((w) => fresh && w.rev < fresh.revision); i++) await new Promise((r) => setTimeout(r, 100));
  const text = fresh ? lengthlessText(fresh) : '';
  const counted = new Map();
  for (const c of text) counted.set(c, (counted.get(c) || 0) + 1);
  const expected = new Map(letters);
  expected.set('\n', 1);
  const sameLetters = [...new Set([...counted.keys(), ...expected.keys()])].every((c) => (counted.get(c) || 0) === (expected.get(c) || 0));
  const sameHead = fresh !== null && writers.every((w) => w.rev === fresh.revision);
  const errors = writers.reduce((n, w) => n + w.errors, 0);
  const result = {
    label: opt.label, adapter: 'akkacollab-hot-writers', url: opt.url,
    params: { docs: 1, clientsPerDoc: opt.writers * opt.lanes, connections: opt.writers, writers: opt.writers, lanes: opt.lanes, seconds: opt.seconds, warmupS: opt.warmup },
    loadavgBefore: fs.readFileSync('/proc/loadavg', 'utf8').trim(),
    offeredOpsPerSec: null,
    ackedOpsPerSec: +(measuredAcks / secs).toFixed(1),
    ackedOverOffered: null,
    measuredSeconds: +secs.toFixed(1),
    totals: { submitted, acked, errors, remoteRecv: 0 },
    ackLatencyMs: summarize(lat),
    fanoutLatencyMs: { n: 0, p50: null, p95: null, p99: null, max: null, mean: null },
    cpuPctDuringWindow: cpuBetween(s0, s1),
    serverPeakRssKb: opt.serverPid ? vm(opt.serverPid, 'VmHWM') : null,
    drain: { settled, unsettledClients: settled ? 0 : writers.reduce((n, w) => n + w.lanes.filter((l) => l.inflight).length, 0) },
    convergence: {
      docs: 1, divergentDocs: sameLetters && sameHead ? 0 : 1, serverVersion: fresh ? fresh.revision : null,
      clientVersions: writers.map((w) => w.rev), textChars: text.length, expectedChars: [...expected.values()].reduce((a, b) => a + b, 0), sameLetters, sameHead,
    },
    errorSamples: writers.flatMap((w) => w.errorSamples).slice(0, 5),
    finishedAt: new Date().toISOString(),
  };
  if (opt.out) fs.writeFileSync(opt.out, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result));
  for (const w of writers) w.ws.terminate();
  setTimeout(() => process.exit(0), 200);
}

function lengthlessText(doc) {
  const ops = Array.isArray(doc.delta) ? doc.delta : (doc.delta && doc.delta.ops) || [];
  return ops.map((o) => (typeof o.insert === 'string' ? o.insert : '')).join('');
}

main().catch((e) => { console.error('hot-writers failed:', (e && e.stack) || e); process.exit(1); });
