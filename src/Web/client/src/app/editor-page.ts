// One document open in Quill: its title (renamed in place), the editor, who else is here,
// whether the work is saved, and the links to share (the Share dialog) and export it.
import Quill from 'quill';
import QuillCursors from 'quill-cursors/core';
import { CollabClient, type Status } from '../lib/collab-client.js';
import { IndexedDbPendingStore } from '../lib/indexeddb-store.js';
import { MemoryPendingStore, type PendingStore } from '../lib/pending-store.js';
import { splitter } from '../lib/edit-rules.js';
import { dispositionFilename } from '../lib/content-disposition.js';
import { displayTitle, UNTITLED } from '../lib/title.js';
import { renameDoc } from './doc-title.js';
import { el, mount } from './dom.js';
import { claimClientId } from './client-claim.js';
import { canEdit, checkDoc, showProblem, type Role } from './doc-gate.js';
import { historyPanel } from './history-panel.js';
import { peopleBar } from './people-bar.js';
import { bindQuill } from './quill-binding.js';
import { markCreated, recentDocs, rememberDoc, takeCreatedTitle, wasCreatedHere } from './recent-docs.js';
import { auth, authorizedFetch } from './session.js';
import { createShareDialog } from './share-dialog.js';

Quill.register('modules/cursors', QuillCursors);

const STATUS_TEXT: Record<Status, string> = {
  connected: 'Connected',
  saving: 'Saving…',
  saved: 'All changes saved',
  offline: 'Offline — edits kept',
  error: 'Error',
  forbidden: 'Access removed',
  deleted: 'This document was deleted',
  'signed-out': 'Signed out',
  refused: 'An edit was not saved',
  unavailable: 'Document unavailable — retrying',
};

/**
 * Downloads an export through a blob: the request needs the Bearer token, which a plain link
 * cannot carry. The file takes the name the server's Content-Disposition gives it.
 */
async function downloadExport(url: string, fallbackName: string, status: HTMLElement): Promise<void> {
  const response = await authorizedFetch(url).catch(() => null);
  // A body cut off on the way fails like no answer at all.
  const blob = response?.ok ? await response.blob().catch(() => null) : null;
  if (response === null || blob === null) {
    status.textContent = `Export failed (${response?.ok === false ? response.status : 'offline'})`;
    return;
  }
  const href = URL.createObjectURL(blob);
  const link = el('a', { href, download: dispositionFilename(response.headers.get('Content-Disposition')) ?? fallbackName, hidden: '' });
  document.body.append(link);
  link.click();
  link.remove();
  // Not revoked at once: the browser may still be reading the blob into the file.
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

/** How often a viewer's tab asks whether it may edit now (access granted while it is open). */
const ROLE_POLL_MS = 10_000;

const rerender = () => window.dispatchEvent(new HashChangeEvent('hashchange'));

export async function showEditor(root: HTMLElement, doc: string): Promise<() => void> {
  const gate = await checkDoc(doc);
  const nothing = () => undefined;
  if (gate.kind === 'invalid') {
    showProblem(root, doc, 'This link is not valid', 'A document id is 1–128 letters, digits, dots, dashes or underscores.');
    return nothing;
  }
  if (gate.kind === 'deleted') {
    showProblem(root, doc, 'This document was deleted', 'Its owner can restore it from the trash on the documents page, for 30 days after the deletion.');
    return nothing;
  }
  if (gate.kind === 'forbidden') {
    showProblem(root, doc, "You don't have access to this document", 'Ask its owner to share it with you.');
    return nothing;
  }
  // Only "New document" creates one; a device that opened it before may hold unsent edits.
  const knownHere = wasCreatedHere(doc) || recentDocs().some((d) => d.id === doc);
  if (gate.kind === 'ok' && !gate.exists && !knownHere) {
    showProblem(root, doc, 'No such document', `There is no document "${doc}".`, {
      label: 'Create it', run: () => { markCreated(doc); rerender(); },
    });
    return nothing;
  }
  return openEditor(root, doc, gate.kind === 'ok' ? gate.role : null, gate.kind === 'ok' ? gate.title : null);
}

/**
 * The title in the header, renamed in place: Enter or leaving the field renames, Escape puts
 * back the title the server has. What shows is always the server's title: a rename shows once it
 * is durable (the "title" frame), and a refused one is put back with the reason.
 */
function titleField(doc: string, initial: string | null, readOnly: boolean, showNotice: (message: string) => void) {
  let current = initial;
  const input = el('input', {
    id: 'doc-title', class: 'doc-title', 'aria-label': 'Title', placeholder: UNTITLED,
    autocomplete: 'off', spellcheck: 'false',
  });
  input.value = current ?? '';
  input.readOnly = readOnly;
  const show = (title: string) => {
    current = title;
    if (document.activeElement !== input) input.value = title;
    document.title = `${displayTitle(title)} · AkkaCollab`;
    rememberDoc(doc, title);
  };
  const commit = async () => {
    const typed = input.value.trim();
    // A cleared title goes on to renameDoc, which says why it cannot be kept.
    if (input.readOnly || typed === (current ?? '')) {
      input.value = current ?? '';
      return;
    }
    const problem = await renameDoc(doc, typed);
    if (problem !== null) {
      input.value = current ?? '';
      showNotice(`The title was not changed: ${problem}`);
    }
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      input.blur();
    } else if (e.key === 'Escape') {
      input.value = current ?? '';
      input.blur();
    }
  });
  input.addEventListener('blur', () => void commit());
  document.title = `${displayTitle(current)} · AkkaCollab`;
  return {
    input,
    /** The server's title: from the title frame. */
    show,
    setReadOnly: (value: boolean) => { input.readOnly = value; },
    /** Names a document this page just created with the title typed there. */
    async name(title: string) {
      const problem = await renameDoc(doc, title);
      if (problem !== null) showNotice(`The title "${title}" was not given to the document: ${problem}`);
    },
  };
}

/** role null: unknown (offline): edits are kept on this device and the server decides. */
async function openEditor(root: HTMLElement, doc: string, role: Role | null, title: string | null): Promise<() => void> {
  const viewer = role !== null && !canEdit(role);
  rememberDoc(doc, title ?? undefined);
  const status = el('span', { id: 'status', class: 'status', 'data-status': 'offline', role: 'status' }, STATUS_TEXT.offline);
  const shareUrl = `${location.origin}/#/d/${encodeURIComponent(doc)}`;
  const share = el('button', { type: 'button', id: 'share', 'aria-haspopup': 'dialog' }, 'Share');
  const historyButton = el('button', { type: 'button', id: 'history-button', 'aria-controls': 'history', 'aria-expanded': 'false' }, 'History');
  // Who may claim a document nobody owns: whoever may edit it, as this page last learnt.
  let mayEdit = !viewer;
  const shareDialog = createShareDialog(doc, shareUrl, share, () => mayEdit);
  share.addEventListener('click', shareDialog.open);
  const exportBase = `/api/docs/${encodeURIComponent(doc)}/export`;
  const name = titleField(doc, title ?? recentDocs().find((d) => d.id === doc)?.title ?? null, viewer, (m) => showNotice(m));
  const badge = el('span', { id: 'view-only', class: 'badge' }, 'View only');
  badge.hidden = !viewer;
  const people = el('div', { class: 'people-slot' });
  const back = el('a', { href: '#/', id: 'back' }, '← Documents');
  const header = el('header', { class: 'bar' },
    back,
    el('h1', {}, name.input),
    badge,
    status,
    people,
    historyButton,
    share,
    exportLink('export-html', 'html', 'html', 'Export HTML'),
    exportLink('export-text', 'text', 'txt', 'Export text'),
    exportLink('export-markdown', 'markdown', 'md', 'Export Markdown'));
  function exportLink(id: string, format: string, extension: string, text: string): HTMLAnchorElement {
    const href = `${exportBase}?format=${format}`;
    const name = `${doc}.${extension}`;
    const link = el('a', { id, href, download: name }, text);
    link.addEventListener('click', (e) => {
      e.preventDefault();
      void downloadExport(href, name, status);
    });
    return link;
  }
  const editor = el('div', { id: 'editor' });
  // What the server refused or the rules took out of an edit, in plain words, until dismissed.
  const noticeText = el('span', { id: 'notice-text' });
  const dismiss = el('button', { type: 'button', id: 'notice-dismiss' }, 'Dismiss');
  const notice = el('div', { id: 'notice', class: 'notice', role: 'alert' }, noticeText, dismiss);
  notice.hidden = true;
  const showNotice = (message: string) => {
    noticeText.textContent = noticeText.textContent && !notice.hidden ? `${noticeText.textContent} ${message}` : message;
    notice.hidden = false;
  };
  const historySlot = el('div', { class: 'history-slot' });
  mount(root, header, el('div', { class: 'page-with-panel' }, el('main', { class: 'page' }, notice, editor), historySlot), shareDialog.dialog);
  const created = takeCreatedTitle(doc);
  if (created !== undefined) void name.name(created);

  const quill = new Quill(editor, {
    theme: 'snow',
    placeholder: viewer ? '' : 'Start typing…',
    readOnly: viewer,
    modules: { toolbar: !viewer, cursors: { transformOnTextChange: false }, history: { userOnly: true } },
  });
  quill.disable();
  // Tab types a tab in the text, as in any editor; Escape leaves the text for the header, so that
  // the keyboard alone can reach the controls (Tab walks them from the start).
  quill.keyboard.addBinding({ key: 'Escape' }, () => {
    back.focus();
    return false;
  });

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
    readOnly: viewer,
    split: splitter(),
  });
  dismiss.addEventListener('click', () => {
    notice.hidden = true;
    noticeText.textContent = '';
    client.dismissNotices();
  });
  client.on('notice', showNotice);
  client.on('title', name.show);
  client.on('status', (s, detail) => {
    status.dataset.status = s;
    status.textContent = s === 'error' && detail ? `${STATUS_TEXT.error}: ${detail}` : STATUS_TEXT[s];
    if (s === 'forbidden' || s === 'deleted') {
      // The last content stays readable; nothing typed now could be kept.
      mayEdit = false;
      unbind.setReadOnly(true);
      name.setReadOnly(true);
      showNotice('Your access to this document was removed. The last content stays readable.');
    }
  });
  const unbind = bindQuill(quill, client, showNotice);
  const history = historyPanel(doc, quill, historyButton, () => mayEdit);
  historySlot.replaceWith(history.panel);
  historyButton.addEventListener('click', history.toggle);
  // Clicking someone's avatar puts this user's caret at their cursor (and scrolls to it).
  const bar = peopleBar(client, auth.user, (index, length) => quill.setSelection(index, length, 'user'));
  people.replaceWith(bar.element);
  unbind.setReadOnly(viewer);
  client.on('viewOnly', () => {
    mayEdit = false;
    unbind.setReadOnly(true);
    name.setReadOnly(true);
    badge.hidden = false;
  });
  // A viewer's tab gets editing once access is granted, without a reload of the browser page.
  const poll = viewer ? setInterval(() => {
    void checkDoc(doc).then((g) => { if (g.kind === 'ok' && canEdit(g.role)) rerender(); });
  }, ROLE_POLL_MS) : undefined;
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
    clearInterval(poll);
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    window.removeEventListener('pagehide', keep);
    unbind();
    bar.dispose();
    offToken();
    client.stop();
    claim.release();
  };
}
