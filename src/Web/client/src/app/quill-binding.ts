// Connects a Quill editor to a CollabClient: user edits go to the client, remote edits and
// cursors come back. Quill always shows a trailing newline; a brand-new document is empty on
// the server, so while it is empty that newline is only Quill's, and the first edit makes it real.
import Delta from 'quill-delta';
import type Quill from 'quill';
import type QuillCursors from 'quill-cursors';
import type { CollabClient } from '../lib/collab-client.js';
import { documentDiff } from '../lib/document-diff.js';
import { colorOf } from '../lib/people.js';
import { sanitize } from '../lib/edit-rules.js';
import type { RemoteCursor } from '../lib/remote-cursors.js';

/**
 * `notify` is told (in words for the page) what the server's rules took out of an edit; the
 * editor is corrected to match what was sent.
 */
export function bindQuill(quill: Quill, client: CollabClient, notify: (message: string) => void): (() => void) & { setReadOnly(value: boolean): void } {
  const cursors = quill.getModule('cursors') as QuillCursors;
  let readOnly = false;
  const shown = new Set<string>();
  // True while the document is empty and the newline Quill shows exists only in Quill.
  let virtualNewline = false;

  const offReset = client.on('reset', (document) => {
    virtualNewline = document.length() === 0;
    // The caret stays where it was (clamped), not at the start of the document.
    const selection = quill.getSelection();
    quill.setContents(document, 'silent');
    if (selection !== null) quill.setSelection(Math.min(selection.index, quill.getLength() - 1), 0, 'silent');
    if (!readOnly) quill.enable();
  });

  const offRemote = client.on('remote', (delta) => {
    if (virtualNewline) {
      // The first text arrived from elsewhere: Quill's own newline must not stay behind it.
      quill.setContents(client.document(), 'silent');
      virtualNewline = client.document().length() === 0;
      return;
    }
    quill.updateContents(delta, 'api');
  });

  const offCursors = client.on('cursors', (list: RemoteCursor[]) => {
    const seen = new Set<string>();
    for (const c of list) {
      seen.add(c.client);
      if (!shown.has(c.client)) {
        cursors.createCursor(c.client, c.user, colorOf(c.user)); // the colour of their avatar
        shown.add(c.client);
      }
      cursors.moveCursor(c.client, c.range);
    }
    for (const id of shown) {
      if (!seen.has(id)) {
        cursors.removeCursor(id);
        shown.delete(id);
      }
    }
  });

  const onText = (delta: Delta, old: Delta, source: string) => {
    if (source !== 'user' || readOnly) return;
    const { delta: clean, removed } = sanitize(delta);
    client.submit(virtualNewline ? new Delta().insert('\n').compose(clean) : clean);
    virtualNewline = false;
    if (removed.length > 0) {
      // Show what was kept: the edit as sent, not as typed or pasted.
      quill.updateContents(documentDiff(old.compose(delta), old.compose(clean)), 'api');
      notify(`Removed from your edit: ${removed.join('; ')}. The text was kept.`);
    }
  };
  const onEditor = () => client.setSelection(quill.getSelection());

  quill.on('text-change', onText);
  quill.on('editor-change', onEditor);
  const unbind = () => {
    offReset();
    offRemote();
    offCursors();
    quill.off('text-change', onText);
    quill.off('editor-change', onEditor);
  };
  return Object.assign(unbind, {
    /** A viewer's editor: nothing typed can reach the client. */
    setReadOnly(value: boolean) {
      readOnly = value;
      quill.enable(!value && client.loaded);
    },
  });
}
