// The editor's Share dialog: who has access and with which role, what anyone signed in with the
// link may do, and the link itself. Every change goes to the server and the dialog re-renders
// from its answer; a refusal shows the server's sentence and the list stays as the server says.
import { GENERAL_LABELS, MEMBER_ROLES, parseAccess, refusalMessage, sharingControls, type AccessList, type Controls, type GeneralAccess, type MemberRole } from '../lib/access.js';
import { el } from './dom.js';
import { auth, authorizedFetch } from './session.js';

const NOTES: Record<Controls, string> = {
  manage: '',
  claim: 'Nobody owns this document yet: if you change its sharing, you will become its owner.',
  'read-only': 'Only owners can change sharing.',
};

function options<T extends string>(values: readonly T[], label: (v: T) => string): HTMLOptionElement[] {
  return values.map((v) => el('option', { value: v }, label(v)));
}

/**
 * A `<dialog>` shown with showModal (Esc closes it, focus stays inside and goes back to `opener`
 * after). `mayEdit`: whether this page may edit, which decides who may claim an unowned document.
 */
export function createShareDialog(doc: string, shareUrl: string, opener: HTMLElement, mayEdit: () => boolean): { dialog: HTMLDialogElement; open: () => void } {
  const base = `/api/docs/${encodeURIComponent(doc)}/access`;
  const error = el('p', { id: 'share-error', class: 'error', role: 'alert' });
  const members = el('ul', { id: 'share-members', class: 'share-members', 'aria-label': 'People with access' });
  const note = el('p', { id: 'share-note', class: 'share-note' });
  const user = el('input', { id: 'share-user', name: 'user', placeholder: 'User name', 'aria-label': 'User name', autocomplete: 'off', required: '' });
  const role = el('select', { id: 'share-role', 'aria-label': 'Role' }, ...options(MEMBER_ROLES, (r) => r));
  const add = el('form', { id: 'share-add', class: 'share-add', 'aria-label': 'Add people' }, user, role, el('button', { type: 'submit' }, 'Add'));
  const general = el('select', { id: 'share-general', 'aria-label': 'General access' },
    ...options(Object.keys(GENERAL_LABELS) as GeneralAccess[], (g) => GENERAL_LABELS[g]));
  // Read-only, the general access is a sentence: a disabled select would cut it at phone width.
  const generalText = el('p', { id: 'share-general-text' });
  const link = el('input', { id: 'share-url', readonly: '', value: shareUrl, 'aria-label': 'Link to this document' });
  const copy = el('button', { type: 'button', id: 'share-copy' }, 'Copy link');
  const copied = el('span', { id: 'share-copied', role: 'status' });
  const close = el('button', { type: 'button', id: 'share-close', class: 'secondary' }, 'Close');
  const dialog = el('dialog', { id: 'share-dialog', class: 'share-dialog', 'aria-labelledby': 'share-title' },
    el('h2', { id: 'share-title' }, `Share “${doc}”`),
    error,
    el('section', {}, el('h3', {}, 'People with access'), members, note, add),
    el('section', {}, el('h3', {}, 'General access'), general, generalText),
    el('section', { class: 'share-link' }, link, copy, copied),
    el('div', { class: 'share-actions' }, close));

  let current: AccessList | null = null;
  let busy = false;

  function render(access: AccessList): void {
    current = access;
    const controls = sharingControls(auth.user, access, mayEdit());
    const editable = controls !== 'read-only';
    // Re-rendered rows replace the focused control: keep keyboard focus on the same one.
    const focused = (document.activeElement as HTMLElement | null)?.dataset.key;
    members.replaceChildren(...access.members.map((m) => memberRow(m.user, m.role, editable)));
    if (access.members.length === 0) members.append(el('li', { class: 'share-empty' }, 'Nobody is on the list yet.'));
    note.textContent = NOTES[controls];
    note.hidden = controls === 'manage';
    add.hidden = !editable;
    general.value = access.general;
    general.hidden = !editable;
    generalText.textContent = GENERAL_LABELS[access.general];
    generalText.hidden = editable;
    if (focused !== undefined) (dialog.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`) ?? (editable ? user : close)).focus();
  }

  function memberRow(name: string, memberRole: MemberRole, editable: boolean): HTMLLIElement {
    const row = el('li', { 'data-user': name, 'data-role': memberRole }, el('span', { class: 'share-name' }, name));
    if (!editable) {
      row.append(el('span', { class: 'share-role' }, memberRole));
      return row;
    }
    const select = el('select', { 'aria-label': `Role of ${name}`, 'data-key': `role:${name}` }, ...options(MEMBER_ROLES, (r) => r));
    select.value = memberRole;
    select.addEventListener('change', () => void change('PUT', `${base}/${encodeURIComponent(name)}`, { role: select.value }));
    const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${name}`, 'data-key': `remove:${name}` }, 'Remove');
    remove.addEventListener('click', () => void change('DELETE', `${base}/${encodeURIComponent(name)}`));
    row.append(select, remove);
    return row;
  }

  /** One change: the answer is the new list; a refusal keeps (and shows again) the server's. */
  async function change(method: 'PUT' | 'DELETE', url: string, body?: object): Promise<boolean> {
    if (busy) return false;
    busy = true;
    error.textContent = '';
    try {
      const init: RequestInit = body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
      const response = await authorizedFetch(url, init).catch(() => null);
      const answer: unknown = await response?.json().catch(() => null);
      const access = response?.ok ? parseAccess(answer) : null;
      if (access !== null) {
        render(access);
        return true;
      }
      error.textContent = response === null ? 'Offline: sharing was not changed.' : refusalMessage(response.status, answer);
      if (current !== null) render(current);
      await refresh(false);
      return false;
    } finally {
      busy = false;
    }
  }

  async function refresh(report: boolean): Promise<void> {
    const response = await authorizedFetch(base).catch(() => null);
    const answer: unknown = await response?.json().catch(() => null);
    const access = response?.ok ? parseAccess(answer) : null;
    if (access !== null) render(access);
    else if (report) error.textContent = response === null ? 'Offline: the list of people could not be loaded.' : refusalMessage(response.status, answer);
  }

  add.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = user.value.trim();
    void change('PUT', `${base}/${encodeURIComponent(name)}`, { role: role.value }).then((ok) => {
      if (ok) user.value = '';
    });
  });
  general.addEventListener('change', () => void change('PUT', base, { general: general.value }));
  copy.addEventListener('click', () => {
    link.select();
    void navigator.clipboard?.writeText(shareUrl).then(() => { copied.textContent = 'Link copied'; }, () => undefined);
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener.focus());

  function open(): void {
    error.textContent = '';
    copied.textContent = '';
    if (current === null) {
      members.replaceChildren(el('li', { class: 'share-empty' }, 'Loading…'));
      note.hidden = true;
      add.hidden = true;
      general.hidden = true;
      generalText.hidden = true;
    }
    dialog.showModal();
    void refresh(true);
  }

  return { dialog, open };
}
