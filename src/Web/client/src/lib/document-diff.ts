// The change from one document to another, for rebasing pending edits onto a snapshot.
// quill-delta's own diff runs fast-diff with semantic cleanup, which turns a region with a few
// changes into "delete it all, insert it again": readable for people, but an edit rebased over
// it loses its deletions and lands after the region. This one keeps every common character
// (a plain Myers diff), so pending edits rebase onto the characters they were made on.
import Delta, { AttributeMap, OpIterator } from 'quill-delta';
import fastDiff from 'fast-diff';

/** Placeholder for an embed in the compared strings (embeds never match text). */
const EMBED = '\u0000';

function text(document: Delta): string {
  return document.ops.map((op) => {
    if (op.insert === undefined) throw new Error('documentDiff: both deltas must be documents (inserts only)');
    return typeof op.insert === 'string' ? op.insert : EMBED;
  }).join('');
}

export function documentDiff(from: Delta, to: Delta): Delta {
  const out = new Delta();
  if (from.ops === to.ops) return out;
  const fromIter = new OpIterator(from.ops);
  const toIter = new OpIterator(to.ops);
  for (const [kind, chunk] of fastDiff(text(from), text(to), undefined, false)) {
    let length = chunk.length;
    while (length > 0) {
      let n: number;
      if (kind === fastDiff.INSERT) {
        n = Math.min(toIter.peekLength(), length);
        out.push(toIter.next(n));
      } else if (kind === fastDiff.DELETE) {
        n = Math.min(fromIter.peekLength(), length);
        fromIter.next(n);
        out.delete(n);
      } else {
        n = Math.min(fromIter.peekLength(), toIter.peekLength(), length);
        const a = fromIter.next(n);
        const b = toIter.next(n);
        if (JSON.stringify(a.insert) === JSON.stringify(b.insert)) out.retain(n, AttributeMap.diff(a.attributes, b.attributes));
        else out.push(b).delete(n);
      }
      length -= n;
    }
  }
  return out.chop();
}
