// The server's lists on the documents page: "My documents", "Shared with me" and the trash, each
// paged ("More"), all filtered by one title search; Delete (owners) moves a row to the trash and
// Restore moves it back. The lists come from the server's index, which follows a change a moment
// after it is durable, so a delete or restore moves the row here at once, as the server answered.
import { el } from './dom.js';
import { authorizedFetch } from './session.js';
import { refusalMessage } from '../lib/access.js';
import { listUrl, mayDelete, parsePage, restoredTo, rowDetails, type DocRow, type ListKind } from '../lib/doc-list.js';
import { displayTitle } from '../lib/title.js';

const HEADINGS: Record<ListKind, string> = { mine: 'My documents', shared: 'Shared with me', trash: 'Trash' };
const EMPTY: Record<ListKind, string> = {
  mine: 'No documents of yours yet.',
  shared: 'Nobody has shared a document with you yet.',
  trash: 'Nothing in the trash. Deleted documents can be restored here for 30 days.',
};

interface List {
  kind: ListKind;
  rows: DocRow[];
  next: string | null;
  section: HTMLElement;
  render: () => void;
}

/** The search box and the three lists, loaded at once; me: the signed-in user. */
export function docLists(me: string | null): HTMLElement {
  const error = el('p', { class: 'error', role: 'alert', id: 'docs-error' });
  const search = el('input', { type: 'search', id: 'doc-search', placeholder: 'Search by title', 'aria-label': 'Search documents by title', autocomplete: 'off' });
  const searchForm = el('form', { id: 'doc-search-form', role: 'search' }, search, el('button', { type: 'submit' }, 'Search'));
  const lists = new Map<ListKind, List>();
  let generation = 0;

  const load = async (list: List, more: boolean) => {
    const asked = generation;
    const response = await authorizedFetch(listUrl(list.kind, search.value, more ? list.next : null)).catch(() => null);
    if (asked !== generation) return; // a newer search answered meanwhile
    const page = response?.ok === true ? parsePage(await response.json().catch(() => null)) : null;
    if (page === null) {
      error.textContent = response === null ? 'Offline: the lists could not be loaded.' : `The lists could not be loaded (${response.status}).`;
      return;
    }
    list.rows = more ? [...list.rows, ...page.items] : page.items;
    list.next = page.next;
    list.render();
  };
  const reload = () => {
    generation++;
    error.textContent = '';
    for (const list of lists.values()) void load(list, false);
  };

  // Delete or restore: the server decides; the row moves once it has answered.
  const decide = async (row: DocRow, from: List, restore: boolean) => {
    const path = `/api/docs/${encodeURIComponent(row.id)}${restore ? '/restore' : ''}`;
    const response = await authorizedFetch(path, { method: restore ? 'POST' : 'DELETE' }).catch(() => null);
    if (response === null || !response.ok) {
      error.textContent = response === null
        ? 'Offline: nothing was changed.'
        : refusalMessage(response.status, await response.json().catch(() => null), `Nothing was changed (${response.status}).`);
      return;
    }
    const body = (await response.json().catch(() => null)) as { deletedAt?: unknown } | null;
    const deletedAt = typeof body?.deletedAt === 'number' ? body.deletedAt : null;
    const to = lists.get(restore ? restoredTo(row, me) : 'trash')!;
    from.rows = from.rows.filter((r) => r.id !== row.id);
    to.rows = [{ ...row, deletedAt, restorableUntil: deletedAt === null ? null : deletedAt + 30 * 86_400_000 }, ...to.rows.filter((r) => r.id !== row.id)];
    from.render();
    to.render();
    to.section.querySelector<HTMLElement>(`li[data-doc="${CSS.escape(row.id)}"] a, li[data-doc="${CSS.escape(row.id)}"] button`)?.focus();
  };

  for (const kind of ['mine', 'shared', 'trash'] as const) {
    const items = el('ul', { class: 'doc-list', id: `docs-${kind}` });
    const empty = el('p', { class: 'empty' }, EMPTY[kind]);
    const more = el('button', { type: 'button', class: 'secondary more', id: `more-${kind}` }, 'More');
    const headingId = `heading-${kind}`;
    const section = el('section', { class: 'card', id: `list-${kind}`, 'aria-labelledby': headingId },
      el('h2', { id: headingId }, HEADINGS[kind]), items, empty, more);
    const list: List = {
      kind, rows: [], next: null, section,
      render: () => {
        const now = Date.now();
        items.replaceChildren(...list.rows.map((row) => rowItem(row, kind, now, list)));
        empty.hidden = list.rows.length > 0;
        more.hidden = list.next === null;
      },
    };
    more.addEventListener('click', () => void load(list, true));
    lists.set(kind, list);
    list.render();
  }

  function rowItem(row: DocRow, kind: ListKind, now: number, list: List): HTMLLIElement {
    const title = displayTitle(row.title);
    // A deleted document cannot be opened: its title is not a link.
    const name = kind === 'trash'
      ? el('span', { class: 'doc-name' }, title)
      : el('a', { class: 'doc-name', href: `#/d/${encodeURIComponent(row.id)}` }, title);
    const item = el('li', { 'data-doc': row.id, 'data-role': row.role },
      el('div', { class: 'doc-row-text' }, name, el('span', { class: 'doc-details' }, rowDetails(row, kind, now))));
    if (mayDelete(row)) {
      const restore = kind === 'trash';
      const action = el('button', { type: 'button', class: restore ? 'restore' : 'secondary delete', 'aria-label': `${restore ? 'Restore' : 'Delete'} ${title}` },
        restore ? 'Restore' : 'Delete');
      action.addEventListener('click', () => void decide(row, list, restore));
      item.append(action);
    }
    return item;
  }

  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(reload, 250);
  });
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typing);
    reload();
  });
  reload();
  return el('div', { id: 'doc-lists' },
    el('section', { class: 'card' }, el('h2', {}, 'Find a document'), searchForm, error),
    ...[...lists.values()].map((l) => l.section));
}

/** A document created on this page belongs to its creator: the first share claims it (owner). */
export async function claimDoc(id: string, me: string): Promise<void> {
  await authorizedFetch(`/api/docs/${encodeURIComponent(id)}/access/${encodeURIComponent(me)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'owner' }),
  }).catch(() => null);
}
