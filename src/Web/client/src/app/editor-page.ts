// One document open in Quill: the editor, who else is here, whether the work is saved, and the
// links to share and export it.
import Quill from 'quill';
import QuillCursors from 'quill-cursors/core';
import { CollabClient, type Status } from '../lib/collab-client.js';
import { IndexedDbPendingStore } from '../lib/indexeddb-store.js';
import { MemoryPendingStore, type PendingStore } from '../lib/pending-store.js';
import { el, mount } from './dom.js';
import { claimClientId } from './client-claim.js';
import { bindQuill } from './quill-binding.js';
import { rememberDoc } from './recent-docs.js';
import { auth, authorizedFetch } from './session.js';

Quill.register('modules/cursors', QuillCursors);

const STATUS_TEXT: Record<Status, string> = {
  connected: 'Connected',
  saving: 'Saving…',
  saved: 'All changes saved',
  offline: 'Offline — edits kept',
  error: 'Error',
  forbidden: 'Access removed',
  'signed-out': 'Signed out',
  refused: 'An edit was not saved',
  unavailable: 'Document unavailable — retrying',
};

/** The export opens in a new tab from a blob: the request needs the Bearer token, a link cannot carry it. */
async function openExport(url: string, status: HTMLElement): Promise<void> {
  const response = await authorizedFetch(url).catch(() => null);
  if (response === null || !response.ok) {
    status.textContent = `Export failed (${response?.status ?? 'offline'})`;
    return;
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  window.open(href, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

async function openStore(): Promise<PendingStore> {
  try {
    return await IndexedDbPendingStore.open();
  } catch {
    // Without IndexedDB edits still sync, they just do not survive a reload.
    return new MemoryPendingStore();
  }
}

export async function showEditor(root: HTMLElement, doc: string): Promise<() => void> {
  rememberDoc(doc);
  const status = el('span', { id: 'status', class: 'status', 'data-status': 'offline', role: 'status' }, STATUS_TEXT.offline);
  const shareUrl = `${location.origin}/#/d/${encodeURIComponent(doc)}`;
  const share = el('button', { type: 'button', id: 'share' }, 'Share');
  const shareBox = el('input', { id: 'share-url', readonly: '', value: shareUrl, hidden: '' });
  share.addEventListener('click', () => {
    shareBox.hidden = false;
    shareBox.select();
    void navigator.clipboard?.writeText(shareUrl).catch(() => undefined);
  });
  const exportBase = `/api/docs/${encodeURIComponent(doc)}/export`;
  const header = el('header', { class: 'bar' },
    el('a', { href: '#/' }, '← Documents'),
    el('h1', {}, doc),
    status,
    share,
    exportLink('export-html', `${exportBase}?format=html`, 'Export HTML'),
    exportLink('export-text', `${exportBase}?format=text`, 'Export text'),
    shareBox);
  function exportLink(id: string, href: string, text: string): HTMLAnchorElement {
    const link = el('a', { id, href, target: '_blank', rel: 'noopener' }, text);
    link.addEventListener('click', (e) => {
      e.preventDefault();
      void openExport(href, status);
    });
    return link;
  }
  const editor = el('div', { id: 'editor' });
  mount(root, header, el('main', { class: 'page' }, editor));

  const quill = new Quill(editor, {
    theme: 'snow',
    placeholder: 'Start typing…',
    modules: { cursors: { transformOnTextChange: false }, history: { userOnly: true } },
  });
  quill.disable();

  const store = await openStore();
  const claim = await claimClientId(doc, store);
  const client = new CollabClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
    doc,
    clientId: claim.clientId,
    token: () => auth.token,
    refresh: () => auth.refresh(),
    store,
    connect: (url) => new WebSocket(url),
    online: navigator.onLine,
    idleTimeoutMs: 45_000,
  });
  client.on('status', (s, detail) => {
    status.dataset.status = s;
    status.textContent = s === 'error' && detail ? `${STATUS_TEXT.error}: ${detail}` : STATUS_TEXT[s];
  });
  const unbind = bindQuill(quill, client);
  // A token refreshed before expiry moves the open socket to it (auth {token}).
  const offToken = auth.on('token', () => client.reauthenticate());
  const online = () => client.setOnline(true);
  const offline = () => client.setOnline(false);
  // Flushes the coalescing window into IndexedDB when the page goes away.
  const keep = () => void client.whenPersisted();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  window.addEventListener('pagehide', keep);
  (window as unknown as { __akkacollab: unknown }).__akkacollab = { client, quill };
  await client.start();

  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    window.removeEventListener('pagehide', keep);
    unbind();
    offToken();
    client.stop();
    claim.release();
  };
}
