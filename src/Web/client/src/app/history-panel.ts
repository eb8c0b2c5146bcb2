// The version history side panel: the document's editing sessions, newest first; choosing one
// shows the document as it was at that session's end with its changes marked, a slider steps
// through every revision of the session, and "Restore this version" makes the editor's content
// the version shown again as one new edit (through the normal submit path: ordered,
// transformed, durable, and undoable like any edit).
import Quill from 'quill';
import Delta from 'quill-delta';
import { changesBetween, restoreChange, sessionsOf, type EditSession, type HistoryOp } from '../lib/history.js';
import { el } from './dom.js';
import { authorizedFetch } from './session.js';

/** The newest revisions listed (one page of the history API). */
const LISTED = 1_000;

export interface HistoryPanel { panel: HTMLElement; toggle(): void; close(): void }

function when(ms: number | null): string {
  return ms === null ? 'earlier' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function historyPanel(doc: string, editor: Quill, opener: HTMLButtonElement, mayRestore: () => boolean): HistoryPanel {
  const base = `/api/docs/${encodeURIComponent(doc)}`;
  const list = el('ol', { id: 'history-sessions', class: 'history-sessions', 'aria-label': 'Editing sessions, newest first' });
  const caption = el('p', { id: 'history-caption', class: 'history-caption' }, 'Choose a session to see the document as it was.');
  const error = el('p', { id: 'history-error', class: 'error', role: 'alert' });
  const previewBox = el('div', { id: 'history-preview', class: 'history-preview', 'aria-label': 'The chosen version, changes marked' });
  const revision = el('input', { type: 'range', id: 'history-revision', min: '1', max: '1', step: '1', 'aria-label': 'Revision within the session' });
  const revisionLabel = el('output', { id: 'history-revision-label', for: 'history-revision' });
  const stepper = el('label', { class: 'history-revision' }, revision, revisionLabel);
  stepper.hidden = true;
  const restore = el('button', { type: 'button', id: 'history-restore', disabled: '' }, 'Restore this version');
  const close = el('button', { type: 'button', id: 'history-close', class: 'secondary', 'aria-label': 'Close the history' }, 'Close');
  const panel = el('aside', { id: 'history', class: 'history-panel', 'aria-labelledby': 'history-title' },
    el('div', { class: 'history-head' }, el('h2', { id: 'history-title' }, 'Version history'), close),
    error, list, caption, stepper, restore, previewBox);
  panel.hidden = true;
  const preview = new Quill(previewBox, { theme: 'snow', readOnly: true, modules: { toolbar: false } });
  let chosen: { session: EditSession; revision: number; content: Delta } | null = null;
  // The session being stepped through, its content before it began, and the newest request (an
  // older answer that arrives late is not shown).
  let stepping: { session: EditSession; before: Delta } | null = null;
  let shown = 0;

  async function json<T>(url: string): Promise<T> {
    const response = await authorizedFetch(url);
    if (!response.ok) {
      const problem = await response.json().catch(() => null) as { detail?: string } | null;
      throw new Error(problem?.detail ?? `the server answered ${response.status}`);
    }
    return await response.json() as T;
  }

  const contentAt = async (revision: number) =>
    revision === 0 ? new Delta() : new Delta((await json<{ delta: { ops: Delta['ops'] } }>(`${base}?revision=${revision}`)).delta.ops);

  async function load(): Promise<void> {
    error.textContent = '';
    chosen = null;
    stepping = null;
    stepper.hidden = true;
    restore.disabled = true;
    try {
      const head = (await json<{ revision: number }>(`${base}/exists`)).revision; // the head, without the content
      if (head === 0) {
        list.replaceChildren(el('li', {}, 'No edits yet.'));
        return;
      }
      const from = Math.max(1, head - LISTED + 1);
      const page = await json<{ ops: HistoryOp[] }>(`${base}/ops?from=${from}&to=${head}`);
      list.replaceChildren(...sessionsOf(page.ops).map((s) => {
        const revisions = s.from === s.to ? `revision ${s.to}` : `revisions ${s.from}–${s.to}`;
        const button = el('button', { type: 'button', class: 'history-session', 'data-from': String(s.from), 'data-to': String(s.to) },
          el('strong', {}, s.user), ` · ${when(s.end)} · ${revisions}`);
        button.addEventListener('click', () => void show(s, button));
        return el('li', {}, button);
      }));
    } catch (e) {
      error.textContent = `The history could not be loaded: ${(e as Error).message}`;
    }
  }

  async function show(session: EditSession, button: HTMLButtonElement): Promise<void> {
    error.textContent = '';
    for (const b of list.querySelectorAll('button')) b.removeAttribute('aria-current');
    button.setAttribute('aria-current', 'true');
    try {
      stepping = { session, before: await contentAt(session.from - 1) };
      revision.min = String(session.from);
      revision.max = String(session.to);
      revision.value = String(session.to);
      stepper.hidden = session.from === session.to;
      await showAt(session.to);
    } catch (e) {
      error.textContent = `That version could not be loaded: ${(e as Error).message}`;
    }
  }

  // The document at revision `at` of the chosen session, with the session's changes up to it marked.
  async function showAt(at: number): Promise<void> {
    if (stepping === null) return;
    const { session, before } = stepping;
    const request = ++shown;
    revisionLabel.textContent = `revision ${at}`;
    const after = await contentAt(at);
    if (request !== shown) return;
    preview.setContents(changesBetween(before, after), 'silent');
    chosen = { session, revision: at, content: after };
    caption.textContent = at === session.to
      ? `As it was after ${session.user}'s edits at ${when(session.end)} (revision ${at}); their changes are marked.`
      : `As it was at revision ${at}, during ${session.user}'s edits (revisions ${session.from}–${session.to}); their changes so far are marked.`;
    restore.disabled = !mayRestore();
    restore.title = mayRestore() ? '' : 'Only people who may edit can restore a version.';
  }

  revision.addEventListener('input', () => {
    void showAt(Number(revision.value)).catch((e: unknown) => {
      error.textContent = `That version could not be loaded: ${(e as Error).message}`;
    });
  });

  restore.addEventListener('click', () => {
    if (chosen === null || !mayRestore()) return;
    // One edit from what the editor shows now to the version: the binding submits it like typing.
    editor.updateContents(restoreChange(editor.getContents(), chosen.content), 'user');
    caption.textContent = `Restored the version of revision ${chosen.revision} as a new edit.`;
    restore.disabled = true;
  });

  const hide = () => {
    panel.hidden = true;
    opener.setAttribute('aria-expanded', 'false');
    opener.focus();
  };
  close.addEventListener('click', hide);
  panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });

  return {
    panel,
    toggle() {
      if (!panel.hidden) return hide();
      panel.hidden = false;
      opener.setAttribute('aria-expanded', 'true');
      void load().then(() => list.querySelector('button')?.focus());
    },
    close: hide,
  };
}
