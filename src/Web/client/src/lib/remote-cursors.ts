// Collaborators' cursors. Each is kept in server coordinates at a revision and moved through
// every later server op; what the editor shows is that position moved through this client's
// own pending ops, so a caret stays on the same character while either side types.
import Delta from 'quill-delta';
import type { CursorRange } from './protocol.js';

export interface RemoteCursor { client: string; user: string; range: CursorRange }

interface Tracked { user: string; rev: number; range: CursorRange }

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
        cursor.range = move(delta, cursor.range);
        cursor.rev = rev;
      }
    }
  }

  /** A presence frame: `range` at `rev`, or null when the collaborator left. */
  onPresence(client: string, user: string, rev: number, range: CursorRange | null, currentRev: number): void {
    if (range === null) {
      this.cursors.delete(client);
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
    this.cursors.set(client, { user, rev: at, range: moved });
  }

  remove(client: string): void {
    this.cursors.delete(client);
  }

  clear(): void {
    this.cursors.clear();
  }

  /** Positions in this client's document: server positions moved through its pending ops. */
  positions(currentRev: number, pending: Delta): RemoteCursor[] {
    const out: RemoteCursor[] = [];
    for (const [client, cursor] of this.cursors) {
      const range = cursor.rev === currentRev ? move(pending, cursor.range) : cursor.range;
      out.push({ client, user: cursor.user, range });
    }
    return out;
  }
}
