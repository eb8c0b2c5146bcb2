// The client half of OT: at most one op in flight, everything typed meanwhile composed into one
// buffer. Pure (no I/O, no timers): the session drives it and sends what it says to send.
//
//                 local edit                       local edit
//  Synchronized ──────────────▶ AwaitingConfirm ──────────────▶ AwaitingWithBuffer ◀─┐
//       ▲                        │       ▲                        │   │  local edit   │
//       └────────── ack ─────────┘       └── ack (send buffer) ───┘   └───────────────┘
//
// A remote op r concurrent with a pending op p (both made on the same revision) is
// transformed across the diamond so both sides end in the same document:
//
//        p           server keeps r first:   p' = r.transform(p, true)
//    ●───────▶●      client applies:         r' = p.transform(r, false)
//    │        │
//  r │        │ r'   p ∘ r' = r ∘ p'   (quill-delta transform, TP1)
//    ▼        ▼
//    ●───────▶●
//        p'
import Delta from 'quill-delta';
import { documentDiff } from './document-diff.js';

/** An op the client numbered and sent (or will send on reconnect): its seq never changes. */
export interface InFlight { readonly seq: number; readonly delta: Delta }

export type OtState =
  | { readonly kind: 'Synchronized' }
  | { readonly kind: 'AwaitingConfirm'; readonly inflight: InFlight }
  | { readonly kind: 'AwaitingWithBuffer'; readonly inflight: InFlight; readonly buffer: Delta };

/**
 * Transforms a local change and a concurrent remote change made on the same revision:
 * returns the local change as the server will apply it (after the remote one) and the remote
 * change as the client applies it (after the local one).
 */
export function transformPair(local: Delta, remote: Delta): [local: Delta, remote: Delta] {
  return [remote.transform(local, true), local.transform(remote, false)];
}

/**
 * Cuts a change into the part to send as one op and the rest (null when it all fits): a paste
 * larger than the server's per-op limit goes out as several ops, first ∘ rest = the change.
 */
export type Splitter = (delta: Delta) => [first: Delta, rest: Delta | null];

const whole: Splitter = (delta) => [delta, null];

/** What dropping the op in flight did: the change the editor applies, and the next op to send. */
export interface Dropped { readonly forEditor: Delta; readonly removed: Delta; readonly next: InFlight | null }

export class OtClient {
  /** The last server revision this client has seen (its own acked ops included). */
  rev: number;
  /** The last seq this client handed out; the next op gets seq + 1. */
  seq: number;
  /** The document at `rev`, as the server has it. */
  server: Delta;
  state: OtState;
  private readonly split: Splitter;

  constructor(init: { rev: number; seq: number; server: Delta; state?: OtState; split?: Splitter }) {
    this.rev = init.rev;
    this.seq = init.seq;
    this.server = init.server;
    this.state = init.state ?? { kind: 'Synchronized' };
    this.split = init.split ?? whole;
  }

  get inflight(): InFlight | null {
    return this.state.kind === 'Synchronized' ? null : this.state.inflight;
  }

  /** Everything not yet acknowledged, composed, relative to `server`. */
  pending(): Delta {
    switch (this.state.kind) {
      case 'Synchronized': return new Delta();
      case 'AwaitingConfirm': return this.state.inflight.delta;
      case 'AwaitingWithBuffer': return this.state.inflight.delta.compose(this.state.buffer);
    }
  }

  /** The document as this client shows it: the server's plus every pending op. */
  document(): Delta {
    return this.server.compose(this.pending());
  }

  /** Takes a local edit; returns the op to send now, or null when one is already in flight. */
  applyLocal(delta: Delta): InFlight | null {
    if (delta.ops.length === 0) return null;
    switch (this.state.kind) {
      case 'Synchronized':
        return this.startNext(delta);
      case 'AwaitingConfirm':
        this.state = { kind: 'AwaitingWithBuffer', inflight: this.state.inflight, buffer: delta };
        return null;
      case 'AwaitingWithBuffer':
        this.state = { ...this.state, buffer: this.state.buffer.compose(delta) };
        return null;
    }
  }

  /**
   * Takes another client's op at revision `rev` (the next one: rev === this.rev + 1); returns it
   * transformed to apply on top of this client's document.
   */
  applyRemote(rev: number, delta: Delta): Delta {
    if (rev !== this.rev + 1) throw new Error(`remote op at revision ${rev} does not follow ${this.rev}`);
    this.rev = rev;
    this.server = this.server.compose(delta);
    return this.movePendingOver(delta);
  }

  /** Transforms the pending ops over a server change; returns the change as the editor applies it. */
  private movePendingOver(change: Delta): Delta {
    switch (this.state.kind) {
      case 'Synchronized':
        return change;
      case 'AwaitingConfirm': {
        const [inflight, remote] = transformPair(this.state.inflight.delta, change);
        this.state = { kind: 'AwaitingConfirm', inflight: { seq: this.state.inflight.seq, delta: inflight } };
        return remote;
      }
      case 'AwaitingWithBuffer': {
        const [inflight, remote1] = transformPair(this.state.inflight.delta, change);
        const [buffer, remote2] = transformPair(this.state.buffer, remote1);
        this.state = { kind: 'AwaitingWithBuffer', inflight: { seq: this.state.inflight.seq, delta: inflight }, buffer };
        return remote2;
      }
    }
  }

  /**
   * Takes the server's acknowledgement of the op in flight, durable at `rev`; returns the next op
   * to send (the buffer), or null. An ack for any other seq (a duplicate) is ignored: returns
   * undefined so the caller can tell.
   */
  applyAck(seq: number, rev: number): InFlight | null | undefined {
    const inflight = this.inflight;
    if (inflight === null || seq !== inflight.seq) return undefined;
    if (rev !== this.rev + 1) throw new Error(`ack at revision ${rev} does not follow ${this.rev}`);
    this.rev = rev;
    this.server = this.server.compose(inflight.delta);
    return this.startNext(this.state.kind === 'AwaitingWithBuffer' ? this.state.buffer : null);
  }

  /**
   * Takes the op in flight out of the local document, keeping every edit made after it: the
   * server refused it, or (a duplicate ack) `server` already holds it. The buffer is moved back
   * over the op's inverse; `forEditor` is that inverse moved over the buffer, to apply on top of
   * what the editor shows.
   */
  dropInflight(): Dropped | null {
    if (this.state.kind === 'Synchronized') return null;
    const removed = this.state.inflight.delta;
    const undo = removed.invert(this.server);
    const buffer = this.state.kind === 'AwaitingWithBuffer' ? this.state.buffer : new Delta();
    const [rest, forEditor] = transformPair(buffer, undo);
    this.state = { kind: 'Synchronized' };
    return { forEditor, removed, next: this.startNext(rest) };
  }

  /**
   * Moves onto a snapshot of the server's document at `rev` (a resync): the pending ops are
   * transformed over the difference and keep their seq, so a resend of the op in flight is still
   * recognised by the server. Returns the difference as the editor applies it.
   */
  rebase(rev: number, document: Delta): Delta {
    const change = documentDiff(this.server, document);
    this.rev = rev;
    this.server = document;
    return this.movePendingOver(change);
  }

  /** The op in flight rebased onto a snapshot of the server's document (to resend, same seq). */
  inflightOnto(document: Delta): Delta | null {
    const inflight = this.inflight;
    return inflight === null ? null : transformPair(inflight.delta, documentDiff(this.server, document))[0];
  }

  /**
   * Moves onto a snapshot that already holds the op in flight (its resend was a duplicate): what
   * was buffered on top of that op is rebased from "old base + op" to the snapshot and goes out
   * as new ops. Returns the change as the editor applies it, and the op to send.
   */
  rebaseApplied(rev: number, document: Delta): { change: Delta; next: InFlight | null } {
    const inflight = this.inflight?.delta ?? new Delta();
    const buffer = this.state.kind === 'AwaitingWithBuffer' ? this.state.buffer : new Delta();
    const [rest, change] = transformPair(buffer, documentDiff(this.server.compose(inflight), document));
    this.rev = rev;
    this.server = document;
    return { change, next: this.settleAs(rest) };
  }

  /** Drops everything pending: nothing may be sent any more. */
  dropAll(): void {
    this.state = { kind: 'Synchronized' };
  }

  /**
   * The op in flight turned out to be in `server` already (a duplicate ack): the local document
   * becomes `server` plus `pending`, which the caller worked out; it goes out as new ops.
   */
  settleAs(pending: Delta): InFlight | null {
    this.state = { kind: 'Synchronized' };
    return this.startNext(pending);
  }

  /** Numbers the next op from `delta` (what fits in one op), keeping the rest as the buffer. */
  private startNext(delta: Delta | null): InFlight | null {
    if (delta === null || delta.ops.length === 0) {
      this.state = { kind: 'Synchronized' };
      return null;
    }
    const [first, rest] = this.split(delta);
    const inflight = { seq: ++this.seq, delta: first };
    this.state = rest === null || rest.ops.length === 0
      ? { kind: 'AwaitingConfirm', inflight }
      : { kind: 'AwaitingWithBuffer', inflight, buffer: rest };
    return inflight;
  }
}
