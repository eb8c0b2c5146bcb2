// Connects a Quill editor to a CollabClient: user edits go to the client, remote edits and
// cursors come back. Quill always shows a trailing newline; a brand-new document is empty on
// the server, so while it is empty that newline is only Quill's, and the first edit makes it real.
import Delta from 'quill-delta';
import type Quill from 'quill';
import type QuillCursors from 'quill-cursors';
import type { CollabClient } from '../lib/collab-client.js';
import type { RemoteCursor } from '../lib/remote-cursors.js';

const COLORS = ['#d81b60', '#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41', '#3949ab'];

function colorOf(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

export function bindQuill(quill: Quill, client: CollabClient): () => void {
  const cursors = quill.getModule('cursors') as QuillCursors;
  const shown = new Set<string>();
  // True while the document is empty and the newline Quill shows exists only in Quill.
  let virtualNewline = false;

  const offReset = client.on('reset', (document) => {
    virtualNewline = document.length() === 0;
    quill.setContents(document, 'silent');
    quill.enable();
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
        cursors.createCursor(c.client, c.user, colorOf(c.client));
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

  const onText = (delta: Delta, _old: Delta, source: string) => {
    if (source !== 'user') return;
    client.submit(virtualNewline ? new Delta().insert('\n').compose(delta) : delta);
    virtualNewline = false;
  };
  const onEditor = () => client.setSelection(quill.getSelection());

  quill.on('text-change', onText);
  quill.on('editor-change', onEditor);
  return () => {
    offReset();
    offRemote();
    offCursors();
    quill.off('text-change', onText);
    quill.off('editor-change', onEditor);
  };
}
