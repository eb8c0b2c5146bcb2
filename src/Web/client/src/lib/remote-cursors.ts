// Collaborators' cursors. Each is kept in server coordinates at a revision and moved through
// every later server op; what the editor shows is that position moved through this client's
// own pending ops, so a caret stays on the same character while either side types.
import Delta from 'quill-delta';
import type { Participant } from './people.js';
import type { CursorRange } from './protocol.js';

export interface RemoteCursor { client: string; user: string; range: CursorRange }

/** Range null: the collaborator is here without a cursor (their editor is not focused). */
interface Tracked { user: string; rev: number; range: CursorRange | null; idle: boolean }

function move(delta: Delta, range: CursorRange): CursorRange {
  const start = delta.transformPosition(range.index);
  const end = delta.transformPosition(range.index + range.length);
  return { index: start, length: Math.max(0, end - start) };
}

export class RemoteCursors {
  private readonly cursors = new Map<string, Tracked>();
  /** Recent server ops by revision, to catch up a cursor reported at an older revision. */
  private readonly recent: { rev: number; delta: Delta }[] = [];

  constructor(private readonly window = 100) {}

  /** A server op at `rev` (already in server coordinates). */
  onServerOp(rev: number, delta: Delta): void {
    this.recent.push({ rev, delta });
    if (this.recent.length > this.window) this.recent.shift();
    for (const cursor of this.cursors.values()) {
      if (cursor.rev === rev - 1) {
        if (cursor.range !== null) cursor.range = move(delta, cursor.range);
        cursor.rev = rev;
      }
    }
  }

  /** A presence frame: `range` at `rev` (null: no cursor); `gone` when the collaborator left. */
  onPresence(client: string, user: string, rev: number, range: CursorRange | null, currentRev: number, idle = false, gone = false): void {
    if (gone) {
      this.cursors.delete(client);
      return;
    }
    if (range === null) {
      this.cursors.set(client, { user, rev: currentRev, range: null, idle });
      return;
    }
    let moved = range;
    let at = rev;
    for (const op of this.recent) {
      if (op.rev === at + 1 && op.rev <= currentRev) {
        moved = move(op.delta, moved);
        at = op.rev;
      }
    }
    this.cursors.set(client, { user, rev: at, range: moved, idle });
  }

  remove(client: string): void {
    this.cursors.delete(client);
  }

  clear(): void {
    this.cursors.clear();
  }

  /** The history changed under the cursors (a resync): everyone stays, without a position. */
  forgetPositions(currentRev: number): void {
    for (const cursor of this.cursors.values()) {
      cursor.range = null;
      cursor.rev = currentRev;
    }
  }

  /** Positions in this client's document: server positions moved through its pending ops. */
  positions(currentRev: number, pending: Delta): RemoteCursor[] {
    const out: RemoteCursor[] = [];
    for (const [client, cursor] of this.cursors) {
      if (cursor.range === null) continue;
      const range = cursor.rev === currentRev ? move(pending, cursor.range) : cursor.range;
      out.push({ client, user: cursor.user, range });
    }
    return out;
  }

  /** Everyone with the document open (this tab's own sessions are never tracked). */
  participants(): Participant[] {
    return [...this.cursors].map(([client, c]) => ({ client, user: c.user, idle: c.idle, hasCursor: c.range !== null }));
  }
}
