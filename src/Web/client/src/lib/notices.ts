// What the page tells the user when the server refuses something: plain words about what was
// removed and why, never the protocol's code or message (those go to the console).
import type Delta from 'quill-delta';

const REASONS: Record<string, string> = {
  too_large: 'it was larger than the server accepts in one edit',
  unsafe_link: 'it contained a link or image address the server does not allow',
  bad_attribute: 'it used formatting the server does not allow',
  bad_op: 'the server could not apply it',
  forbidden: 'you may only view this document',
};

/** The text an edit inserted, shortened for a message ("…" past 40 characters). */
function quoteInserted(delta: Delta): { text: string; length: number } {
  let text = '';
  let length = 0;
  for (const op of delta.ops) {
    if (typeof op.insert === 'string') { length += op.insert.length; if (text.length < 41) text += op.insert; }
    else if (op.insert !== undefined) length += 1;
  }
  text = text.replace(/\s+/g, ' ').trim();
  return { text: text.length > 40 ? `${text.slice(0, 40)}…` : text, length };
}

/** "An edit was not saved (…): it was larger than …. Your other edits are kept." */
export function refusedEditNotice(code: string, removed: Delta): string {
  const reason = REASONS[code] ?? 'the server refused it';
  const { text, length } = quoteInserted(removed);
  const what = length === 0
    ? 'An edit (a deletion or formatting change)'
    : `An edit inserting ${length.toLocaleString('en-US')} character${length === 1 ? '' : 's'}${text ? ` ("${text}")` : ''}`;
  return code === 'forbidden'
    ? `${what} was removed because ${reason}.`
    : `${what} was removed because ${reason}. Your other edits are kept.`;
}

/** Why the session stopped, for codes after which only a person can help. */
export function fatalNotice(code: string): string {
  switch (code) {
    case 'version_too_old':
    case 'version_too_new': return 'This page is out of date: reload it to keep editing.';
    case 'bad_message': return 'This link is not valid.';
    default: return 'The connection to the server failed: reload the page.';
  }
}
