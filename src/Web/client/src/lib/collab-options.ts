// What a CollabClient is configured with and what it reports.
import type Delta from 'quill-delta';
import type { BackoffOptions } from './backoff.js';
import type { Clock } from './clock.js';
import type { PendingStore } from './pending-store.js';
import type { Participant } from './people.js';
import type { RemoteCursor } from './remote-cursors.js';
import type { Splitter } from './ot-client.js';
import type { SocketFactory } from './socket.js';

/**
 * `forbidden`: access was removed (no reconnecting); `deleted`: its owner moved the document to
 * the trash (no reconnecting); `signed-out`: the sign-in ended (refresh
 * refused); `refused`: everything else is saved but the server refused an edit (detail says
 * which) and the user has not dismissed it; `unavailable`: the document cannot be reached (retrying).
 */
export type Status = 'connected' | 'saving' | 'saved' | 'offline' | 'error' | 'forbidden' | 'deleted' | 'signed-out' | 'refused' | 'unavailable';

export type Phase = 'idle' | 'connecting' | 'hello' | 'subscribing' | 'live';

export interface CollabClientOptions {
  url: string;
  doc: string;
  /** Stable per tab and stored with the pending ops, so a resend after a reload is recognised. */
  clientId: string;
  /** Read at every connect; kept in memory only. */
  token: () => string | undefined;
  /**
   * Gets a fresh access token (after a 4401 close, or when there is none yet); on 'ok', token()
   * returns it. Without it a 4401 close is final.
   */
  refresh?: () => Promise<'ok' | 'unreachable' | 'signed-out'>;
  store: PendingStore;
  connect: SocketFactory;
  clock?: Clock;
  /** Keystrokes within this window become one op. */
  coalesceMs?: number;
  /** At most one presence frame per window. */
  presenceMs?: number;
  /** Presence is repeated this often while live (the server forgets a tab silent for 30 s); 0: never. */
  presenceHeartbeatMs?: number;
  backoff?: BackoffOptions;
  /** A connection that is not live within this time is dropped and retried. */
  connectTimeoutMs?: number;
  /**
   * A live connection that receives nothing (the server pings every 15 s) for this long is
   * dropped and replaced: a vanished server or network path may never deliver a close.
   */
  idleTimeoutMs?: number;
  /** False when the browser says it is offline: no connection is attempted until it is back. */
  online?: boolean;
  /** Where the server's own words for an error go (the page shows plain messages); default console.warn. */
  log?: (message: string) => void;
  /** A viewer's session: local changes are never queued, stored or sent. */
  readOnly?: boolean;
  /** Cuts a change too large for one op (edit-rules.ts); without it every change is one op. */
  split?: Splitter;
}

export interface CollabClientEvents {
  status: [status: Status, detail: string | undefined];
  /** A remote change to apply to the editor (already transformed over local edits). */
  remote: [delta: Delta];
  /** The whole document changed under the editor (first load, resync, rejected op). */
  reset: [document: Delta];
  cursors: [cursors: RemoteCursor[]];
  /** Everyone else with the document open (this tab's own sessions excluded), when that changes. */
  people: [people: Participant[]];
  /** A human message: an edit was refused and removed (the others are kept). */
  notice: [message: string];
  /** The server refused an edit as forbidden: this user may only view now (pending edits were removed). */
  viewOnly: [];
  /** The document's title: on subscribing when it has one, and whenever anyone renames it. */
  title: [title: string];
}
