// The version history: the server's ops grouped into editing sessions, and a past revision shown
// with what changed in it highlighted.
import Delta from 'quill-delta';
import type AttributeMap from 'quill-delta/dist/AttributeMap.js';

/** One op as `GET /api/docs/{id}/ops` lists it (`at`: Unix ms, null for ops older than it). */
export interface HistoryOp { rev: number; user: string; at: number | null }

/** Consecutive revisions by one author with no pause longer than SESSION_PAUSE_MS between them. */
export interface EditSession { user: string; from: number; to: number; start: number | null; end: number | null }

export const SESSION_PAUSE_MS = 5 * 60_000;

/** Sessions, newest first. Ops without a time split only where the author changes. */
export function sessionsOf(ops: readonly HistoryOp[], pauseMs = SESSION_PAUSE_MS): EditSession[] {
  const sessions: EditSession[] = [];
  for (const op of [...ops].sort((a, b) => a.rev - b.rev)) {
    const last = sessions.at(-1);
    const paused = last !== undefined && last.end !== null && op.at !== null && op.at - last.end > pauseMs;
    if (last !== undefined && last.user === op.user && last.to === op.rev - 1 && !paused) {
      last.to = op.rev;
      last.end = op.at ?? last.end;
    } else {
      sessions.push({ user: op.user, from: op.rev, to: op.rev, start: op.at, end: op.at });
    }
  }
  return sessions.reverse();
}

export const INSERTED: AttributeMap = { background: '#c8e6c9' };
export const DELETED: AttributeMap = { background: '#ffcdd2', strike: true };

function marked(delta: Delta, mark: AttributeMap): Delta {
  return new Delta(delta.ops.map((op) => ({ ...op, attributes: { ...op.attributes, ...mark } })));
}

/**
 * The document `after` with what changed since `before` marked: inserted text highlighted, and
 * deleted text put back struck through where it was. Formatting-only changes are shown as is.
 */
export function changesBetween(before: Delta, after: Delta): Delta {
  let out = new Delta();
  let b = 0;
  let a = 0;
  for (const op of before.diff(after).ops) {
    if (typeof op.retain === 'number') {
      out = out.concat(after.slice(a, a + op.retain));
      a += op.retain;
      b += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      out = out.concat(marked(after.slice(a, a + length), INSERTED));
      a += length;
    } else if (typeof op.delete === 'number') {
      // A deleted line break would merge two lines: keep it a line break, struck like the rest.
      out = out.concat(marked(before.slice(b, b + op.delete), DELETED));
      b += op.delete;
    }
  }
  return out.concat(after.slice(a)); // a diff leaves out the unchanged end
}

/** The one change that turns `current` into `target`: what "Restore this version" submits. */
export function restoreChange(current: Delta, target: Delta): Delta {
  return current.diff(target);
}
