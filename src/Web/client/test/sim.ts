// A simulated world for session tests: virtual time, a network whose every frame waits in a
// queue until the test delivers it (so interleavings are chosen by a seeded random source), and
// an in-memory OT authority that speaks wire protocol v1 the way src/Protocol/README.md says.
import Delta from 'quill-delta';
import type { Clock } from '../src/lib/clock.js';
import type { ClientFrame, ServerFrame } from '../src/lib/protocol.js';
import type { SocketLike } from '../src/lib/socket.js';

/** mulberry32: small, seedable, good enough to pick interleavings. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class VirtualClock implements Clock {
  now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(readonly random: () => number = seeded(1)) {}

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Fires the earliest timer (advancing time to it); false when none is set. */
  fireNext(): boolean {
    let best: [number, { at: number; fn: () => void }] | null = null;
    for (const entry of this.timers) if (best === null || entry[1].at < best[1].at) best = entry;
    if (best === null) return false;
    this.timers.delete(best[0]);
    this.now = Math.max(this.now, best[1].at);
    best[1].fn();
    return true;
  }

  /** Fires every timer due up to now + ms, in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      let due: number | null = null;
      let at = Infinity;
      for (const [id, t] of this.timers) if (t.at <= until && t.at < at) { due = id; at = t.at; }
      if (due === null) break;
      const t = this.timers.get(due)!;
      this.timers.delete(due);
      this.now = t.at;
      t.fn();
    }
    this.now = until;
  }
}

/** The client end of one simulated connection. */
export class SimSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  /** Frames the client sent that the server has not received yet. */
  readonly up: string[] = [];
  /** Events for the client: frames, or the open/close of the connection. */
  readonly down: ({ kind: 'open' } | { kind: 'frame'; data: string } | { kind: 'close'; code: number })[] = [];
  closed = false;
  subscribed = false;
  user = '';
  /** The server's session id of this connection (what presence names it by). */
  session = '';

  constructor(readonly server: SimServer) {}

  send(data: string): void {
    if (!this.closed) this.up.push(data);
  }

  close(): void {
    this.closed = true;
    this.server.disconnect(this);
  }

  /** Delivers the oldest event to the client. */
  deliverDown(duplicate = false): void {
    const event = this.down.shift();
    if (event === undefined) return;
    if (event.kind === 'open') this.onopen?.({});
    else if (event.kind === 'close') { this.closed = true; this.onclose?.({ code: event.code, reason: '' }); }
    else {
      this.onmessage?.({ data: event.data });
      if (duplicate) this.onmessage?.({ data: event.data });
    }
  }

  /** Delivers the oldest client frame to the server. */
  deliverUp(): void {
    const data = this.up.shift();
    if (data !== undefined) this.server.receive(this, JSON.parse(data) as ClientFrame);
  }

  push(frame: ServerFrame): void {
    if (!this.closed) this.down.push({ kind: 'frame', data: JSON.stringify(frame) });
  }
}

interface StoredOp { rev: number; client: string; seq: number; user: string; delta: Delta }

/** An op the server refused: what it would have inserted and deleted (at the head). */
export interface Refused { client: string; seq: number; code: string; inserted: string; deleted: string }

/**
 * The OT authority for one document: transform, apply, ack, fan out; (client, seq) idempotent
 * (a resend of an applied op is answered `ack` with `dup`). Faults a test can switch on: history
 * older than `keepOps` revisions is gone (a `sub {from}` before it gets a snapshot, a submit based
 * before it gets `resync`), acks lost with their connection, and ops refused by a rule.
 */
export class SimServer {
  readonly ops: StoredOp[] = [];
  document = new Delta();
  readonly applied = new Map<string, number>();
  readonly sockets = new Set<SimSocket>();
  /** Every op frame received, for tests that count messages. */
  readonly received: ClientFrame[] = [];
  /** When false, new connections fail at once (the network is down). */
  reachable = true;
  /** Tokens a hello is refused with (`error unauthorized`, close 4401), as for an expired JWT. */
  readonly refusedTokens = new Set<string>();
  /** How many recent revisions can be replayed or transformed over (Infinity: all). */
  keepOps = Infinity;
  /** Asked after each op is applied: true loses its ack and breaks the submitter's connection. */
  loseAck: () => boolean = () => false;
  /** An error code to refuse an op with (checked at the head), or null to apply it. */
  refuse: (delta: Delta) => string | null = () => null;
  readonly refused: Refused[] = [];
  /** Resends answered as duplicates, and `sub {from}` answered with a snapshot. */
  dupAcks = 0;
  staleSubs = 0;

  constructor(readonly doc = 'doc-1') {}

  get head(): number {
    return this.ops.length;
  }

  private connections = 0;

  connect(): SimSocket {
    const socket = new SimSocket(this);
    socket.session = `s-${++this.connections}`;
    if (this.reachable) {
      this.sockets.add(socket);
      socket.down.push({ kind: 'open' });
    } else {
      socket.down.push({ kind: 'close', code: 1006 });
    }
    return socket;
  }

  /** The connection breaks (server side): the client learns it from a close event. */
  kill(socket: SimSocket, code = 1006): void {
    this.disconnect(socket);
    socket.up.length = 0;
    socket.down.length = 0;
    socket.down.push({ kind: 'close', code });
  }

  /** As the gateway does: the others hear at once that this connection's tab is gone. */
  disconnect(socket: SimSocket): void {
    if (!this.sockets.delete(socket) || !socket.subscribed) return;
    for (const other of this.sockets) {
      if (other.subscribed) other.push({ a: 'presence', doc: this.doc, client: socket.session, user: socket.user, rev: this.head, range: null, gone: true });
    }
  }

  receive(socket: SimSocket, frame: ClientFrame): void {
    if (!this.sockets.has(socket)) return;
    this.received.push(frame);
    switch (frame.a) {
      case 'hello':
        if (frame.token !== undefined && this.refusedTokens.has(frame.token)) {
          return this.kill(socket, 4401);
        }
        socket.user = frame.token ?? 'anonymous';
        return socket.push({ a: 'hello', v: 1, min: 1, max: 1, session: socket.session });
      case 'sub':
        if (frame.from !== undefined && (frame.from < this.head - this.keepOps || frame.from > this.head)) this.staleSubs++;
        if (frame.from === undefined || frame.from < this.head - this.keepOps || frame.from > this.head) {
          socket.push({ a: 'snapshot', doc: this.doc, rev: this.head, delta: { ops: this.document.ops } });
        } else {
          for (const op of this.ops.slice(frame.from)) socket.push(this.opFrame(op));
        }
        socket.subscribed = true;
        return socket.push({ a: 'subscribed', doc: this.doc, rev: this.head });
      case 'op':
        return this.submit(socket, frame);
      case 'auth':
        return socket.push({ a: 'auth', exp: 0 });
      case 'presence':
        for (const other of this.sockets) {
          if (other !== socket && other.subscribed) {
            other.push(frame.idle === true
              ? { a: 'presence', doc: this.doc, client: socket.session, user: socket.user, rev: frame.rev, range: frame.range, idle: true }
              : { a: 'presence', doc: this.doc, client: socket.session, user: socket.user, rev: frame.rev, range: frame.range });
          }
        }
        return;
      default:
        return;
    }
  }

  private submit(socket: SimSocket, frame: Extract<ClientFrame, { a: 'op' }>): void {
    const key = `${socket.user}/${frame.client}:${frame.seq}`;
    const done = this.applied.get(key);
    if (done !== undefined) this.dupAcks++;
    if (done !== undefined) return socket.push({ a: 'ack', doc: this.doc, seq: frame.seq, rev: done, dup: true } as ServerFrame);
    if (frame.rev > this.head) return socket.push({ a: 'error', code: 'bad_revision', message: 'ahead', doc: this.doc, seq: frame.seq });
    if (frame.rev < this.head - this.keepOps) return socket.push({ a: 'error', code: 'resync', message: 'too old', doc: this.doc, seq: frame.seq });
    let delta = new Delta(frame.delta.ops);
    for (const op of this.ops.slice(frame.rev)) delta = op.delta.transform(delta, true);
    const base = delta.ops.reduce((n, op) => n + (typeof op.retain === 'number' ? op.retain : 0) + (op.delete ?? 0), 0);
    if (base > this.document.length()) throw new Error(`op ${key} reaches past the end of the document: ${JSON.stringify(delta.ops)}`);
    const code = this.refuse(delta);
    if (code !== null) {
      const after = this.document.compose(delta);
      const text = (d: Delta) => d.ops.map((o) => (typeof o.insert === 'string' ? o.insert : '')).join('');
      const inserted = delta.ops.map((o) => (typeof o.insert === 'string' ? o.insert : '')).join('');
      const deleted = [...text(this.document)].filter((ch) => !text(after).includes(ch)).join('');
      this.refused.push({ client: frame.client, seq: frame.seq, code, inserted, deleted });
      return socket.push({ a: 'error', code, message: `refused by the simulator's rule`, doc: this.doc, seq: frame.seq });
    }
    this.document = this.document.compose(delta);
    const op: StoredOp = { rev: this.head + 1, client: frame.client, seq: frame.seq, user: socket.user, delta };
    this.ops.push(op);
    this.applied.set(key, op.rev);
    if (this.loseAck()) this.kill(socket);
    else socket.push({ a: 'ack', doc: this.doc, seq: frame.seq, rev: op.rev });
    for (const other of this.sockets) if (other !== socket && other.subscribed) other.push(this.opFrame(op));
  }

  private opFrame(op: StoredOp): ServerFrame {
    return { a: 'op', doc: this.doc, rev: op.rev, client: op.client, seq: op.seq, user: op.user, delta: { ops: op.delta.ops } };
  }
}

/** Lets pending promise callbacks (store writes, start()) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
