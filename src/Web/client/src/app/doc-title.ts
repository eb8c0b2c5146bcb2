// Renaming a document: PUT /api/docs/{id}/title. The authority persists the rename and tells
// every open tab (the "title" frame), this one included, so the page shows a title once it is
// durable rather than when it was typed.
import { refusalMessage } from '../lib/access.js';
import { titleProblem } from '../lib/title.js';
import { authorizedFetch } from './session.js';

/** Null when renamed; otherwise what the person is told (nothing was changed). */
export async function renameDoc(id: string, title: string): Promise<string | null> {
  const problem = titleProblem(title);
  if (problem !== null) return problem;
  const response = await authorizedFetch(`/api/docs/${encodeURIComponent(id)}/title`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: title.trim() }),
  }).catch(() => null);
  if (response === null) return 'Offline: the title was not changed.';
  if (response.ok) return null;
  return refusalMessage(response.status, await response.json().catch(() => null), `The title was not changed (${response.status}).`);
}
