// One editing session of one document over the wire protocol: drives the OtClient, keeps its
// pending ops durable, reconnects, and reports status. Editor-agnostic: the app feeds it local
// changes and selections and applies what it emits.
//
// Connection phases:   idle ─▶ connecting ─▶ hello ─▶ subscribing ─▶ live
//                        ▲                                            │
//                        └──────── closed / network gone / gap ───────┘
// Ops are only sent while live: after `subscribed`, everything the server had is applied, so
// the in-flight op is resent (same client and seq) against the newest revision.
import Delta from 'quill-delta';
import { Backoff, DEFAULT_BACKOFF } from './backoff.js';
import type { CollabClientEvents, CollabClientOptions, Phase, Status } from './collab-options.js';
import { realClock, Timer, type Clock } from './clock.js';
import { Emitter } from './emitter.js';
import { refusedEditNotice, fatalNotice } from './notices.js';
import { OtClient, transformPair, type InFlight, type OtState } from './ot-client.js';
import { fromRecord, toRecord } from './pending-record.js';
import { SaveQueue } from './save-queue.js';
import {
  CloseCodes, FATAL_CLOSE_CODES, FATAL_ERROR_CODES, PROTOCOL_VERSION, REJECTING_ERROR_CODES, RETRY_ERROR_CODES,
  parseServerFrame, type ClientFrame, type CursorRange, type ServerFrame,
} from './protocol.js';
import { RemoteCursors } from './remote-cursors.js';
import { detach, type SocketLike } from './socket.js';

export type { CollabClientEvents, CollabClientOptions, Phase, Status } from './collab-options.js';

export class CollabClient extends Emitter<CollabClientEvents> {
  private readonly clock: Clock;
  private readonly backoff: Backoff;
  private readonly cursors = new RemoteCursors();
  private readonly coalesceTimer: Timer;
  private readonly presenceTimer: Timer;
  private readonly heartbeatTimer: Timer;
  private readonly reconnectTimer: Timer;
  private readonly retryTimer: Timer;
  private readonly connectTimer: Timer;
  private readonly idleTimer: Timer;
  private ot: OtClient | null = null;
  private readOnly: boolean;
  /** Local edits of the current coalescing window, not yet handed to the OtClient. */
  private typing = new Delta();
  private socket: SocketLike | null = null;
  private phaseValue: Phase = 'idle';
  private online: boolean;
  private stopped = false;
  private fatal: string | null = null;
  private fatalStatus: Status = 'error';
  /** The socket's token was refused or expired (4401): refresh before the next connect. */
  private tokenStale = false;
  private renewing = false;
  /** The token the open socket is authenticated with (hello or the last `auth`). */
  private socketToken: string | undefined;
  private lastStatus: Status | null = null;
  private selection: CursorRange | null = null;
  private presenceDirty = false;
  /** The page says its user is inactive (no input for a while, or the tab is hidden). */
  private idle = false;
  private readonly saves: SaveQueue;
  /** Refused edits the user has not dismissed yet: until then the status is not "saved". */
  private refusals: string[] = [];
  /** Server session ids this tab has had: presence from any of them is this tab's own. */
  private readonly ownSessions = new Set<string>();
  /**
   * A snapshot arrived while an op was in flight: whether the server applied that op before
   * the snapshot is unknown until the resend (same seq, rebased onto the snapshot) is answered,
   * a duplicate ack meaning yes. Until then the session stays on its old base: local edits wait
   * in `typing` and server ops in `queued`, so that the answer picks one exact rebase.
   */
  private resolving: { rev: number; document: Delta; seq: number; queued: Extract<ServerFrame, { a: 'op' }>[] } | null = null;
  /** `error`s naming this document with no seq in a row (a dead subscription): retried, then shown. */
  private docFailures = 0;

  constructor(private readonly options: CollabClientOptions) {
    super();
    this.clock = options.clock ?? realClock;
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF, () => this.clock.random());
    this.online = options.online ?? true;
    this.readOnly = options.readOnly ?? false;
    this.coalesceTimer = new Timer(this.clock);
    this.presenceTimer = new Timer(this.clock);
    this.heartbeatTimer = new Timer(this.clock);
    this.reconnectTimer = new Timer(this.clock);
    this.retryTimer = new Timer(this.clock);
    this.connectTimer = new Timer(this.clock);
    this.idleTimer = new Timer(this.clock);
    this.saves = new SaveQueue(
      async () => { if (this.ot !== null) await options.store.save(toRecord(options.doc, options.clientId, this.ot)); },
      (e) => this.emitStatus('error', `could not keep edits on this device: ${String(e)}`));
  }

  get phase(): Phase { return this.phaseValue; }
  get state(): OtState | null { return this.ot?.state ?? null; }
  get revision(): number | null { return this.ot?.rev ?? null; }
  get loaded(): boolean { return this.ot !== null; }

  /** The document as the editor should show it. */
  document(): Delta {
    return this.ot === null ? new Delta() : this.ot.document().compose(this.typing);
  }

  /** Restores what a previous page left unsent, then connects. */
  async start(): Promise<void> {
    const record = await this.options.store.load(this.options.doc, this.options.clientId);
    if (record !== null) {
      this.ot = fromRecord(record, this.options.split);
      this.emit('reset', this.ot.document());
    }
    this.updateStatus();
    this.connect();
  }

  stop(): void {
    this.flushTyping();
    this.stopped = true;
    for (const t of [this.coalesceTimer, this.presenceTimer, this.heartbeatTimer, this.reconnectTimer, this.retryTimer, this.connectTimer, this.idleTimer]) t.cancel();
    this.dropSocket(1000);
  }

  /** A change the user made in the editor. */
  submit(delta: Delta): void {
    if (this.ot === null) throw new Error('the document is not loaded yet: edits before the first snapshot have no base');
    if (delta.ops.length === 0 || this.readOnly) return;
    this.typing = this.typing.compose(delta);
    // A fixed window from the first keystroke, not a debounce: steady typing still goes out.
    if (!this.coalesceTimer.pending) this.coalesceTimer.start(this.options.coalesceMs ?? 30, () => this.flushTyping());
    this.updateStatus();
    this.emitCursors();
  }

  /** Refused edits reported and not yet dismissed (human messages). */
  get notices(): readonly string[] { return this.refusals; }

  /** The user read the refused-edit messages: the status may say "saved" again. */
  dismissNotices(): void {
    this.refusals = [];
    this.updateStatus();
  }

  /** The user's selection (null when the editor lost focus); sent throttled. */
  setSelection(range: CursorRange | null): void {
    this.selection = range;
    this.schedulePresence();
  }

  /** The page's view of its user: inactive for a while, or the tab hidden. The others see it. */
  setIdle(idle: boolean): void {
    if (idle === this.idle) return;
    this.idle = idle;
    this.schedulePresence();
  }

  /** The browser's online/offline events. */
  setOnline(online: boolean): void {
    this.online = online;
    if (!online) {
      this.reconnectTimer.cancel();
      this.dropSocket(1000); // the server tells the others this tab is gone
      this.updateStatus();
    } else {
      this.backoff.reset();
      this.reconnectTimer.cancel();
      this.connect();
    }
  }

  /**
   * A new access token is available (refreshed before expiry): the open socket moves to it with
   * `auth {token}`, so the server does not close it at the old token's expiry.
   */
  reauthenticate(): void {
    const token = this.options.token();
    if (token === undefined || token === this.socketToken) return;
    if (this.phaseValue === 'subscribing' || this.phaseValue === 'live') {
      this.socketToken = token;
      this.send({ a: 'auth', token });
    }
  }

  /** Resolves once every edit made so far is in the store. */
  async whenPersisted(): Promise<void> {
    if (this.resolving !== null) this.reconnect('the page is being stored');
    this.flushTyping();
    await this.saves.idle();
  }

  // ---- local side -------------------------------------------------------------------------

  private flushTyping(): void {
    this.coalesceTimer.cancel();
    if (this.ot === null || this.typing.ops.length === 0 || this.resolving !== null) return;
    const delta = this.typing;
    this.typing = new Delta();
    const send = this.ot.applyLocal(delta);
    this.persist();
    if (send !== null && this.phaseValue === 'live') this.sendOp(send);
    this.updateStatus();
  }

  private sendOp(op: InFlight): void {
    if (this.ot === null) return;
    this.send({ a: 'op', doc: this.options.doc, client: this.options.clientId, seq: op.seq, rev: this.ot.rev, delta: { ops: op.delta.ops } });
  }

  /**
   * Presence, at most one per window, and again every heartbeat while live: the server forgets a
   * tab that is silent for its presence TTL (30 s), and a reader who neither types nor moves
   * the caret is still here.
   */
  private schedulePresence(): void {
    if (this.phaseValue !== 'live' || this.ot === null) return;
    if (this.presenceTimer.pending) {
      this.presenceDirty = true;
      return;
    }
    this.presenceDirty = false;
    const range = this.selectionAtServer();
    this.send(this.idle
      ? { a: 'presence', doc: this.options.doc, rev: this.ot.rev, range, idle: true }
      : { a: 'presence', doc: this.options.doc, rev: this.ot.rev, range });
    this.presenceTimer.start(this.options.presenceMs ?? 100, () => {
      if (this.presenceDirty) this.schedulePresence();
    });
    const every = this.options.presenceHeartbeatMs ?? 10_000;
    if (every > 0) this.heartbeatTimer.start(every, () => this.schedulePresence());
  }

  /** The selection in server coordinates at `rev`: moved back through the unacknowledged edits. */
  private selectionAtServer(): CursorRange | null {
    if (this.selection === null || this.ot === null) return null;
    const pending = this.ot.pending().compose(this.typing);
    if (pending.ops.length === 0) return this.selection;
    const undo = pending.invert(this.ot.server);
    const start = undo.transformPosition(this.selection.index);
    const end = undo.transformPosition(this.selection.index + this.selection.length);
    return { index: start, length: Math.max(0, end - start) };
  }

  private emitCursors(): void {
    if (this.ot === null) return;
    this.emit('cursors', this.cursors.positions(this.ot.rev, this.ot.pending().compose(this.typing)));
  }

  /** Who is here changed (a presence frame, a resync, the connection gone): not on every op. */
  private emitPeople(): void {
    this.emit('people', this.cursors.participants());
  }

  // ---- connection -------------------------------------------------------------------------

  private connect(): void {
    if (this.stopped || this.fatal !== null || !this.online || this.socket !== null) return;
    if (this.options.refresh !== undefined && (this.tokenStale || this.options.token() === undefined)) return this.renew();
    const socket = this.options.connect(this.options.url);
    this.socket = socket;
    this.phaseValue = 'connecting';
    this.connectTimer.start(this.options.connectTimeoutMs ?? 10_000, () => this.reconnect('connect timeout'));
    socket.onopen = () => {
      this.phaseValue = 'hello';
      const token = this.options.token();
      this.socketToken = token;
      this.send(token === undefined ? { a: 'hello', v: PROTOCOL_VERSION } : { a: 'hello', v: PROTOCOL_VERSION, token });
    };
    socket.onmessage = (ev) => {
      const frame = parseServerFrame(ev.data);
      if (frame !== null) this.receive(frame);
    };
    socket.onclose = (ev) => this.closed(ev.code, ev.reason);
  }

  private send(frame: ClientFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  private dropSocket(code: number): void {
    const socket = this.socket;
    this.socket = null;
    this.phaseValue = 'idle';
    this.connectTimer.cancel();
    this.retryTimer.cancel();
    this.presenceTimer.cancel();
    this.heartbeatTimer.cancel();
    this.idleTimer.cancel();
    // The old base is kept (the next `sub` starts from it again); what waited for it is taken.
    if (this.resolving !== null) {
      this.resolving = null;
      this.flushTyping();
    }
    // Offline, the others' cursors stop moving and would lie: they come back with presence.
    this.cursors.clear();
    if (this.ot !== null) this.emitCursors();
    this.emitPeople();
    if (socket !== null) {
      detach(socket);
      try { socket.close(code); } catch { /* already closed */ }
    }
  }

  /** Drops the connection and comes back with `sub from` our revision (a gap, a timeout). */
  private reconnect(reason: string): void {
    this.dropSocket(1000);
    this.updateStatus(reason);
    this.reconnectTimer.start(this.backoff.next(), () => this.connect());
  }

  /** Refreshes the access token, then connects; unreachable: retries with backoff, offline meanwhile. */
  private renew(): void {
    const refresh = this.options.refresh;
    if (this.renewing || refresh === undefined) return;
    this.renewing = true;
    void refresh().then((outcome) => {
      this.renewing = false;
      if (this.stopped || this.fatal !== null) return;
      if (outcome === 'signed-out') return this.fail('the sign-in ended: sign in again', 'signed-out');
      if (outcome === 'ok') {
        this.tokenStale = false;
        return this.connect();
      }
      this.updateStatus('cannot reach the server to renew the sign-in');
      this.reconnectTimer.start(this.backoff.next(), () => this.connect());
    });
  }

  private closed(code: number, reason: string): void {
    this.socket = null;
    this.dropSocket(code);
    if (code === CloseCodes.forbidden) return this.fail('access to this document was removed', 'forbidden');
    if (code === CloseCodes.unauthorized && this.options.refresh !== undefined) {
      // The token expired or was refused: a refreshed one fixes it. Backoff keeps a server that
      // refuses every token from being hammered.
      this.tokenStale = true;
      this.updateStatus();
      this.reconnectTimer.start(this.backoff.next(), () => this.connect());
      return;
    }
    if (code === CloseCodes.unauthorized || FATAL_CLOSE_CODES.has(code)) {
      this.fail(`connection closed by the server (${code}${reason ? `: ${reason}` : ''})`);
      return;
    }
    this.updateStatus();
    // A draining node (1012) asks for an immediate reconnect; jitter still spreads the herd.
    const delay = code === 1012 ? Math.round(this.clock.random() * 250) : this.backoff.next();
    this.reconnectTimer.start(delay, () => this.connect());
  }

  private fail(message: string, status: Status = 'error'): void {
    this.fatal = message;
    this.fatalStatus = status;
    this.dropSocket(1000);
    this.updateStatus();
  }

  // ---- server frames ----------------------------------------------------------------------

  private receive(frame: ServerFrame): void {
    this.armIdleTimer();
    if ('doc' in frame && frame.doc !== undefined && frame.doc !== this.options.doc) return;
    switch (frame.a) {
      case 'hello':
        if (this.phaseValue !== 'hello') return;
        this.ownSessions.add(frame.session);
        this.subscribe(true);
        // A token refreshed while the hello was on its way: move the socket to it.
        this.reauthenticate();
        return;
      case 'auth': return; // the new deadline; the next refresh is scheduled by the token's own exp
      case 'snapshot': return this.snapshot(frame.rev, new Delta(frame.delta.ops));
      case 'subscribed': return this.subscribed();
      case 'op': return this.serverOp(frame.rev, frame.client, frame.seq, new Delta(frame.delta.ops));
      case 'ack': return this.ack(frame.seq, frame.rev, frame.dup === true);
      case 'error': return this.error(frame.code, frame.message, frame.seq, frame.doc);
      case 'presence':
        // `client` is the sender's server session: after a reconnect this tab's old session
        // may still be reported, and must not show as somebody else.
        if (this.ownSessions.has(frame.client) || this.ot === null) return;
        this.cursors.onPresence(frame.client, frame.user, frame.rev, frame.range, this.ot.rev, frame.idle === true, frame.gone === true);
        this.emitPeople();
        return this.emitCursors();
      case 'title': return this.emit('title', frame.title);
      case 'ping': return this.send({ a: 'pong', t: frame.t });
      case 'unsub': return this.subscribe(true);
      case 'pong': return;
    }
  }

  private armIdleTimer(): void {
    const ms = this.options.idleTimeoutMs;
    if (ms !== undefined && this.phaseValue === 'live') this.idleTimer.start(ms, () => this.reconnect('the server went silent'));
  }

  private subscribe(fromOurs: boolean): void {
    this.phaseValue = 'subscribing';
    this.retryTimer.cancel();
    const from = fromOurs ? this.ot?.rev : undefined;
    this.send(from === undefined ? { a: 'sub', doc: this.options.doc } : { a: 'sub', doc: this.options.doc, from });
  }

  private subscribed(): void {
    if (this.phaseValue !== 'subscribing' || this.ot === null) return;
    this.phaseValue = 'live';
    this.connectTimer.cancel();
    this.backoff.reset();
    this.docFailures = 0;
    this.armIdleTimer();
    this.emitStatus('connected', undefined);
    const inflight = this.ot.inflight;
    if (this.resolving !== null) this.sendResolving();
    else if (inflight !== null) this.sendOp(inflight);
    this.updateStatus();
    this.schedulePresence(); // here, with or without a cursor
  }

  /**
   * A snapshot answers any `sub`: the first load, or a resync (our `from` is older than the
   * server keeps, or its history could not be read). Pending edits are rebased onto it and keep
   * their seq; the editor gets the difference as a change, so the caret stays.
   */
  private snapshot(rev: number, document: Delta): void {
    if (this.phaseValue !== 'subscribing') return;
    if (this.ot === null) {
      this.ot = new OtClient({ rev, seq: 0, server: document, split: this.options.split });
      this.persist();
      this.emit('reset', this.ot.document());
    } else {
      const inflight = this.ot.inflight;
      // Cursors were at revisions of the old history: they come back with the next presence.
      this.cursors.forgetPositions(rev);
      this.emitPeople();
      if (inflight === null) this.moveOnto(rev, document);
      else this.resolving = { rev, document, seq: inflight.seq, queued: [] };
    }
    this.emitCursors();
  }

  /** Rebases everything pending onto a snapshot as if the op in flight (if any) was not applied. */
  private moveOnto(rev: number, document: Delta): void {
    if (this.ot === null) return;
    this.applyToEditor(this.ot.rebase(rev, document));
  }

  /** Moves the unflushed typing over a change of the session's document and shows the change. */
  private applyToEditor(change: Delta): void {
    const [typing, forEditor] = transformPair(this.typing, change);
    this.typing = typing;
    this.persist();
    if (forEditor.ops.length > 0) this.emit('remote', forEditor);
  }

  /** The resend after a snapshot: the op in flight, rebased onto it, same seq. */
  private sendResolving(): void {
    const r = this.resolving;
    const rebased = r === null ? null : this.ot?.inflightOnto(r.document) ?? null;
    if (r === null || rebased === null) return;
    this.send({ a: 'op', doc: this.options.doc, client: this.options.clientId, seq: r.seq, rev: r.rev, delta: { ops: rebased.ops } });
  }

  /**
   * The resend after a snapshot was answered: `applied` (a duplicate ack) means the snapshot
   * holds the op, so what was typed after it is rebased from "old base + op" to the snapshot;
   * otherwise everything pending is. Then the server ops that waited are taken.
   */
  private resolve(applied: boolean): void {
    const r = this.resolving;
    this.resolving = null;
    if (r === null || this.ot === null) return;
    if (!applied) this.moveOnto(r.rev, r.document);
    else {
      const { change, next } = this.ot.rebaseApplied(r.rev, r.document);
      this.applyToEditor(change);
      if (next !== null && this.phaseValue === 'live') this.sendOp(next);
    }
    for (const op of r.queued) this.serverOp(op.rev, op.client, op.seq, new Delta(op.delta.ops));
    this.flushTyping();
    this.updateStatus();
    this.emitCursors();
  }

  private serverOp(rev: number, client: string, seq: number, delta: Delta): void {
    if (this.resolving !== null) {
      if (this.phaseValue === 'live') this.resolving.queued.push({ a: 'op', doc: this.options.doc, rev, client, seq, user: '', delta: { ops: delta.ops } });
      return;
    }
    if (this.ot === null || rev <= this.ot.rev) return; // a duplicate delivery
    if (rev !== this.ot.rev + 1) return this.reconnect(`missed revisions ${this.ot.rev + 1}…${rev - 1}`);
    // Our own op coming back (replayed after a reconnect) is its acknowledgement.
    if (client === this.options.clientId && this.ot.inflight?.seq === seq) return this.ack(seq, rev, false);
    const remote = this.ot.applyRemote(rev, delta);
    const [typing, forEditor] = transformPair(this.typing, remote);
    this.typing = typing;
    this.cursors.onServerOp(rev, delta);
    this.persist();
    this.emit('remote', forEditor);
    this.emitCursors();
  }

  private ack(seq: number, rev: number, dup: boolean): void {
    const inflight = this.ot?.inflight;
    if (this.ot === null || inflight === null || inflight === undefined || inflight.seq !== seq) return; // re-ack of a resend
    if (this.resolving !== null) {
      const applied = rev <= this.resolving.rev;
      this.resolve(applied);
      return applied ? undefined : this.ack(seq, rev, dup);
    }
    // Applied before, at a revision this client already holds: it is in our document already.
    if (rev <= this.ot.rev) return this.dropInflight(null);
    if (rev !== this.ot.rev + 1) return this.reconnect(`ack${dup ? ' (duplicate)' : ''} at ${rev} skips revisions after ${this.ot.rev}`);
    this.retryTimer.cancel();
    const next = this.ot.applyAck(seq, rev);
    this.cursors.onServerOp(rev, inflight.delta);
    this.persist();
    if (next !== null && next !== undefined && this.phaseValue === 'live') this.sendOp(next);
    this.updateStatus();
    // Presence waits for nothing, but an ack is a good moment to correct it.
    if (this.selection !== null) this.schedulePresence();
  }

  /**
   * Takes the op in flight out of the document (refused with `code`, or already applied when
   * code is null) and keeps every other edit: the editor gets the inverse as a change.
   */
  private dropInflight(code: string | null): void {
    if (this.ot === null) return;
    this.retryTimer.cancel();
    const dropped = this.ot.dropInflight();
    if (dropped === null) return;
    const [typing, forEditor] = transformPair(this.typing, dropped.forEditor);
    this.typing = typing;
    this.persist();
    if (forEditor.ops.length > 0) this.emit('remote', forEditor);
    if (code !== null) {
      const notice = refusedEditNotice(code, dropped.removed);
      this.refusals = [...this.refusals, notice];
      this.emit('notice', notice);
    }
    if (dropped.next !== null && this.phaseValue === 'live') this.sendOp(dropped.next);
    this.updateStatus();
    this.emitCursors();
  }

  private error(code: string, message: string, seq: number | undefined, doc: string | undefined): void {
    const inflight = this.ot?.inflight ?? null;
    if (code !== 'unauthorized') (this.options.log ?? console.warn)(`server error ${code}: ${message}`);
    // An op refused as forbidden while still subscribed: this user may read but not edit.
    if (code === 'forbidden' && seq !== undefined && this.phaseValue === 'live') return this.becomeViewer();
    if (code === 'forbidden') return this.fail('access to this document was removed', 'forbidden');
    // Its owner moved it to the trash: nothing can be saved until they restore it.
    if (code === 'deleted') return this.fail('this document was deleted', 'deleted');
    // Either a 4401 close follows (handled there) or a refused `auth` left the old token in force.
    if (code === 'unauthorized') return;
    if (FATAL_ERROR_CODES.has(code)) return this.fail(fatalNotice(code));
    if (code === 'resync' || code === 'bad_revision') return this.subscribe(false);
    if (code === 'not_subscribed') return this.subscribe(true);
    if (seq !== undefined) {
      if (inflight === null || seq !== inflight.seq) return; // about an op already settled
      if (REJECTING_ERROR_CODES.has(code)) {
        // Refused, so it was not applied before the snapshot either.
        if (this.resolving !== null) this.resolve(false);
        return this.dropInflight(code);
      }
      if (RETRY_ERROR_CODES.has(code)) {
        this.retryTimer.start(this.backoff.next(), () => {
          const current = this.ot?.inflight;
          if (current === null || current === undefined || current.seq !== seq || this.phaseValue !== 'live') return;
          if (this.resolving !== null) this.sendResolving();
          else this.sendOp(current);
        });
      }
      return;
    }
    if (doc === this.options.doc && (this.phaseValue === 'live' || this.phaseValue === 'subscribing')) this.documentFailed(code);
  }

  /**
   * An error about the document itself (no op named), e.g. `unavailable` while its shard moves:
   * the subscription may be dead, so subscribe again with backoff; after a few failures in a
   * row the page says the document is unavailable (and it keeps retrying).
   */
  private documentFailed(code: string): void {
    this.docFailures++;
    this.phaseValue = 'subscribing';
    this.emitStatus(this.docFailures >= 3 ? 'unavailable' : 'offline', `the document is unavailable (${code}); retrying`);
    this.retryTimer.start(this.backoff.next(), () => {
      if (this.phaseValue === 'subscribing' && this.socket !== null) this.subscribe(true);
    });
  }

  /**
   * Editing is not allowed (any more): everything pending would be refused, so it is removed
   * from the document now, with a message, and never resent (not after a reload either).
   */
  private becomeViewer(): void {
    if (this.ot === null) return;
    this.readOnly = true;
    this.resolving = null;
    const pending = this.ot.pending().compose(this.typing);
    // What the editor shows is server + pending + typing: undo all of it at once.
    const undo = pending.invert(this.ot.server);
    this.ot.dropAll();
    this.typing = new Delta();
    this.retryTimer.cancel();
    this.persist();
    if (undo.ops.length > 0) this.emit('remote', undo);
    const notice = refusedEditNotice('forbidden', pending);
    this.refusals = [...this.refusals, notice];
    this.emit('notice', notice);
    this.emit('viewOnly');
    this.updateStatus();
  }

  // ---- persistence and status -------------------------------------------------------------

  private persist(): void {
    this.saves.request();
  }

  private updateStatus(detail?: string): void {
    if (this.fatal !== null) return this.emitStatus(this.fatalStatus, this.fatal);
    if (this.phaseValue !== 'live') return this.emitStatus('offline', detail);
    const busy = this.ot?.inflight !== null || this.typing.ops.length > 0;
    if (!busy && this.refusals.length > 0) return this.emitStatus('refused', this.refusals.at(-1));
    this.emitStatus(busy ? 'saving' : 'saved', detail);
  }

  private emitStatus(status: Status, detail: string | undefined): void {
    if (status === this.lastStatus && status !== 'error') return;
    this.lastStatus = status;
    this.emit('status', status, detail);
  }
}
