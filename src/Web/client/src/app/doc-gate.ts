// Before the editor opens: is the id valid, does the document exist, and what may this user do
// on it (GET /api/docs/{id}/exists, which creates nothing). And the pages for the answers that
// are not an editor.
import { el, mount } from './dom.js';
import { DOC_ID } from './recent-docs.js';
import { authorizedFetch } from './session.js';

export type Role = 'owner' | 'editor' | 'viewer' | 'open';

export type Gate =
  | { kind: 'ok'; exists: boolean; role: Role; title: string | null }
  | { kind: 'invalid' }
  | { kind: 'forbidden' }
  /** In the trash: its owner may restore it from the documents page. */
  | { kind: 'deleted' }
  /** Offline or the server did not answer: the editor opens with what this device kept. */
  | { kind: 'unreachable' };

export const canEdit = (role: Role) => role !== 'viewer';

export async function checkDoc(id: string): Promise<Gate> {
  if (!DOC_ID.test(id)) return { kind: 'invalid' };
  const response = await authorizedFetch(`/api/docs/${encodeURIComponent(id)}/exists`).catch(() => null);
  if (response === null) return { kind: 'unreachable' };
  if (response.status === 400) return { kind: 'invalid' };
  if (response.status === 403) return { kind: 'forbidden' };
  if (response.status === 410) return { kind: 'deleted' };
  if (!response.ok) return { kind: 'unreachable' };
  const body = (await response.json().catch(() => null)) as { exists?: unknown; role?: unknown; title?: unknown } | null;
  const role = body?.role;
  if (typeof body?.exists !== 'boolean' || (role !== 'owner' && role !== 'editor' && role !== 'viewer' && role !== 'open')) return { kind: 'unreachable' };
  return { kind: 'ok', exists: body.exists, role, title: typeof body.title === 'string' ? body.title : null };
}

/** A page in place of the editor: a title, a sentence, and the way back. */
export function showProblem(root: HTMLElement, id: string, title: string, text: string, action?: { label: string; run: () => void }): void {
  const back = el('a', { href: '#/' }, '← Documents');
  const card = el('section', { class: 'card', id: 'doc-problem', 'data-problem': id }, el('h2', {}, title), el('p', {}, text));
  if (action !== undefined) {
    const button = el('button', { type: 'button', id: 'doc-problem-action' }, action.label);
    button.addEventListener('click', action.run);
    card.append(button);
  }
  mount(root, el('header', { class: 'bar' }, back), el('main', { class: 'page' }, card));
}
