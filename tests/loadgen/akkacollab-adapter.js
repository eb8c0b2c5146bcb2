'use strict';
// Load-generator adapter for AkkaCollab's wire protocol v1 (src/Protocol/README.md).
//
// The ShareDB anchor's load generator (shared/anchors/sharedb/loadgen/loadgen.js) drives a server
// only through this interface (documented at the top of its adapters/sharedb.js):
//
//   connect(url) -> Promise<Client>           one client = one WebSocket = one protocol client id
//   Client.open(docId, {create, initialText})  -> Promise<DocHandle>; subscribes; seeds initialText
//                                              with a first op when asked to create a doc at rev 0
//   DocHandle.submit(deltaOps, cb(err, rev))   cb on the server's ack (sent only once durable)
//   DocHandle.onRemote(fn(rev, srcClientId))   another client's op was applied locally
//   DocHandle.settle(ms) / version() / contents() / length() / stats()
//   fetchFresh(url, docIds)                    -> Map docId -> {version, contents}, via REST
//
// Client-side OT is the browser's: one op in flight, later local ops wait in a buffer, and every
// remote op is transformed over the in-flight op and the buffer before it is applied locally.
//
//        S (server op at rev r)                  I' = S.transform(I, true)   the server's view of I
//      ┌─────────►                               S' = I.transform(S, false)  S applied after I
//   I  │         │ I'                            (then the same step for the buffer, with S')
//      ▼         ▼
//      └─────────►
//          S'
//
// The server resolves ties as applied.transform(submitted, true) (src/Node FastTransform), so the
// op that reached the authority first wins an insert tie on every replica.
//
// By default each buffered op is sent as its own server op, like the ShareDB adapter's
// preventCompose, so "acked ops/s" means server commits/s. AKKACOLLAB_COMPOSE=1 composes the
// buffer into one op as the browser client does (then several submits share one ack revision).
const WebSocket = require('ws');
const Delta = require('quill-delta');

const COMPOSE = process.env.AKKACOLLAB_COMPOSE === '1';
const TOKEN = process.env.AKKACOLLAB_TOKEN || null;
const RETRY_MS = 200;
// Errors after which the same (client, seq) may be sent again unchanged.
const RETRYABLE = new Set(['unavailable', 'rate_limited']);

let clientCounter = 0;
// Totals over every handle of this process, printed once at exit into the load generator's log
// (the load generator itself only counts failed callbacks).
const totals = { errors: 0, retries: 0, gaps: 0, unexpectedAcks: 0, closed: 0, samples: [] };
process.on('exit', () => { if (clientCounter) process.stderr.write(`ADAPTER_STATS ${JSON.stringify(totals)}\n`); });

function wsUrl(url) {
  const u = new URL(url);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/ws';
  return u.toString();
}

function httpBase(url) {
  const u = new URL(url);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  u.pathname = '';
  return u.origin;
}

// One canonical string per document content: ops normalized through Delta.push (which merges
// adjacent inserts with equal attributes), keys in a fixed order.
function canonical(ops) {
  const d = new Delta();
  for (const op of ops || []) d.push(op);
  return JSON.stringify(d.ops.map((op) => {
    const o = {};
    for (const k of ['insert', 'retain', 'delete', 'attributes']) if (op[k] !== undefined) o[k] = op[k];
    return o;
  }));
}

function deltaOps(wire) {
  if (Array.isArray(wire)) return wire;
  return wire && Array.isArray(wire.ops) ? wire.ops : [];
}

function connect(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(url), { perMessageDeflate: false });
    const client = new Client(ws, url);
    const timer = setTimeout(() => { ws.terminate(); reject(new Error('hello timeout (10 s)')); }, 10000);
    ws.once('error', (e) => { clearTimeout(timer); reject(e); });
    // Without AKKACOLLAB_TOKEN each connection signs in as its own development user (the
    // server's DevelopmentSignIn), so per-user rate limits apply per simulated user.
    ws.once('open', () => ws.send(JSON.stringify({ a: 'hello', v: 1, token: TOKEN || client.id })));
    client._onHello = (err) => {
      clearTimeout(timer);
      if (err) { ws.terminate(); return reject(err); }
      ws.on('error', () => { client.socketErrors++; });
      resolve(client);
    };
  });
}

class Client {
  constructor(ws, url) {
    this.ws = ws;
    this.url = url;
    this.id = `lg${process.pid}-${++clientCounter}`;
    this.session = null;
    this.docs = new Map();
    this.socketErrors = 0;
    this.closeCode = null;
    this.closedByUs = false;
    this._onHello = null;
    ws.on('message', (data) => this._receive(JSON.parse(data.toString())));
    ws.on('close', (code) => {
      this.closeCode = code;
      if (this.closedByUs) return;
      for (const h of this.docs.values()) h._closed(code);
    });
  }

  send(message) { this.ws.send(JSON.stringify(message)); }

  _receive(m) {
    switch (m.a) {
      case 'hello':
        this.session = m.session;
        if (this._onHello) this._onHello(null);
        this._onHello = null;
        return;
      case 'ping':
        this.send({ a: 'pong', t: m.t });
        return;
      case 'pong':
      case 'presence':
        return;
      case 'error':
        if (this._onHello) { this._onHello(new Error(`${m.code}: ${m.message}`)); this._onHello = null; return; }
        break;
      default:
        break;
    }
    const h = m.doc !== undefined ? this.docs.get(m.doc) : undefined;
    if (h) h._receive(m);
    else if (m.a === 'error') this.socketErrors++;
  }

  async open(docId, { create = false, initialText = '\n' } = {}) {
    const h = new DocHandle(this, docId);
    this.docs.set(docId, h);
    await h._subscribe();
    // A document exists once it has ops: its creator seeds it with a first op.
    if (create && h._rev === 0) {
      await new Promise((resolve, reject) => h.submit([{ insert: initialText }], (err) => (err ? reject(err) : resolve())));
    }
    return h;
  }

  close() {
    this.closedByUs = true;
    try { this.ws.terminate(); } catch (e) { /* already gone */ }
  }
}

class DocHandle {
  constructor(client, docId) {
    this.client = client;
    this.docId = docId;
    this._doc = new Delta();
    this._rev = -1;          // last server revision applied locally
    this._seq = 0;
    this._inflight = null;   // {delta, seq, rev, cbs}
    this._buffer = [];       // [{delta, cbs}] local ops not yet sent
    this._remoteFns = [];
    this._settleWaiters = [];
    this._subscribed = null;
    this._stats = { errors: 0, retries: 0, gaps: 0, unexpectedAcks: 0, closed: 0 };
    this._errorSamples = [];
  }

  _subscribe() {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sub ${this.docId}: no subscribed within 10 s`)), 10000);
      this._subscribed = (err) => { clearTimeout(timer); this._subscribed = null; if (err) reject(err); else resolve(); };
      this.client.send({ a: 'sub', doc: this.docId });
    });
  }

  length() { return this._doc.length(); }
  version() { return this._rev; }
  contents() { return canonical(this._doc.ops); }
  onRemote(fn) { this._remoteFns.push(fn); }
  stats() { return { ...this._stats, errorSamples: this._errorSamples }; }

  submit(ops, cb) {
    const delta = new Delta(ops);
    this._doc = this._doc.compose(delta);
    if (!this._inflight) {
      this._send({ delta, cbs: [cb] });
    } else if (COMPOSE && this._buffer.length) {
      const last = this._buffer[0];
      last.delta = last.delta.compose(delta);
      last.cbs.push(cb);
    } else {
      this._buffer.push({ delta, cbs: [cb] });
    }
  }

  settle(timeoutMs = 30000) {
    if (this._idle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const w = { resolve, timer: setTimeout(() => { this._settleWaiters = this._settleWaiters.filter((x) => x !== w); resolve(false); }, timeoutMs) };
      this._settleWaiters.push(w);
    });
  }

  _idle() { return !this._inflight && this._buffer.length === 0; }

  _send(pending) {
    pending.seq = ++this._seq;
    pending.rev = this._rev;
    this._inflight = pending;
    this._transmit();
  }

  _transmit() {
    const p = this._inflight;
    if (!p || this.client.ws.readyState !== WebSocket.OPEN) return;
    this.client.send({ a: 'op', doc: this.docId, client: this.client.id, seq: p.seq, rev: p.rev, delta: { ops: p.delta.ops } });
  }

  _receive(m) {
    switch (m.a) {
      case 'snapshot':
        this._doc = new Delta(deltaOps(m.delta));
        this._rev = m.rev;
        return;
      case 'subscribed':
        if (this._rev < 0) this._rev = m.rev;
        if (this._subscribed) this._subscribed(null);
        return;
      case 'ack':
        this._ack(m.seq, m.rev);
        return;
      case 'op':
        // The server turns our own op into an ack, but a replay may carry it as an op.
        if (m.client === this.client.id && this._inflight && m.seq === this._inflight.seq) this._ack(m.seq, m.rev);
        else this._remote(m);
        return;
      case 'error':
        this._error(m);
        return;
      default:
        return;
    }
  }

  _checkNext(rev, what) {
    if (rev !== this._rev + 1) {
      this._count('gaps');
      this._sample(`${what} rev ${rev} after ${this._rev}`);
    }
    this._rev = rev;
  }

  _ack(seq, rev) {
    const p = this._inflight;
    if (!p || p.seq !== seq) {
      // A second ack for an op already acked (after a resend) changes nothing; an ack for an op
      // never sent is a server bug. Both are counted.
      this._count('unexpectedAcks');
      if (seq > this._seq) this._sample(`ack for seq ${seq}, never sent (last sent ${this._seq})`);
      return;
    }
    this._checkNext(rev, 'ack');
    this._inflight = null;
    if (this._buffer.length) this._send(this._buffer.shift());
    for (const cb of p.cbs) cb(null, rev);
    this._maybeSettled();
  }

  _remote(m) {
    this._checkNext(m.rev, 'op');
    let s = new Delta(deltaOps(m.delta));
    if (this._inflight) {
      const i = this._inflight.delta;
      this._inflight.delta = s.transform(i, true);
      s = i.transform(s, false);
    }
    for (const b of this._buffer) {
      const bd = b.delta;
      b.delta = s.transform(bd, true);
      s = bd.transform(s, false);
    }
    this._doc = this._doc.compose(s);
    for (const fn of this._remoteFns) fn(m.rev, m.client);
  }

  _error(m) {
    if (this._subscribed && (m.seq === undefined || m.seq === null)) {
      this._subscribed(new Error(`sub ${this.docId}: ${m.code}: ${m.message}`));
      return;
    }
    const p = this._inflight;
    if (p && m.seq === p.seq && RETRYABLE.has(m.code)) {
      this._count('retries');
      setTimeout(() => { if (this._inflight === p) this._transmit(); }, RETRY_MS);
      return;
    }
    this._count('errors');
    this._sample(`error ${m.code}: ${m.message}`);
    if (p && m.seq === p.seq) {
      // The op is lost: its callbacks fail, and the local copy now differs from the server's
      // (the convergence check reports it). The next buffered op goes on.
      this._inflight = null;
      const err = new Error(`${m.code}: ${m.message}`);
      if (this._buffer.length) this._send(this._buffer.shift());
      for (const cb of p.cbs) cb(err);
      this._maybeSettled();
    }
  }

  _closed(code) {
    this._count('closed');
    this._sample(`socket closed ${code}`);
    if (this._subscribed) this._subscribed(new Error(`sub ${this.docId}: socket closed ${code}`));
  }

  _maybeSettled() {
    if (!this._idle()) return;
    const ws = this._settleWaiters;
    this._settleWaiters = [];
    for (const w of ws) { clearTimeout(w.timer); w.resolve(true); }
  }

  _sample(text) {
    if (this._errorSamples.length < 5) this._errorSamples.push(text);
    if (totals.samples.length < 10) totals.samples.push(`${this.docId}: ${text}`);
  }

  _count(what) {
    this._stats[what]++;
    totals[what]++;
  }
}

async function fetchFresh(url, docIds) {
  const base = httpBase(url);
  const out = new Map();
  const one = async (id) => {
    const res = await fetch(`${base}/api/docs/${encodeURIComponent(id)}`, { headers: TOKEN ? { authorization: `Bearer ${TOKEN}` } : {} });
    if (!res.ok) throw new Error(`GET /api/docs/${id}: HTTP ${res.status} ${await res.text()}`);
    const body = await res.json();
    out.set(id, { version: body.revision, contents: canonical(deltaOps(body.delta)) });
  };
  // Bounded concurrency: a hundred parallel requests are fine, thousands are not.
  for (let i = 0; i < docIds.length; i += 50) await Promise.all(docIds.slice(i, i + 50).map(one));
  return out;
}

// _DocHandle: for adapter.test.js, which drives the OT state machine without a socket.
module.exports = { name: 'akkacollab', connect, fetchFresh, canonical, _DocHandle: DocHandle };
