// The documents this browser has opened or created, newest first, with the title they had when
// last seen here: "Recent on this device", beside the server's lists (doc-lists.ts), which know
// only the documents a person owns or was given a role on.

const KEY = 'akkacollab.recent';
const MAX = 50;
export const DOC_ID = /^[A-Za-z0-9._-]{1,128}$/;

export interface RecentDoc { id: string; openedAt: number; title?: string }

export function recentDocs(): RecentDoc[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as RecentDoc[]).filter((d) => typeof d.id === 'string' && DOC_ID.test(d.id)) : [];
  } catch {
    return [];
  }
}

/** Moves the document to the top; title: as the editor last heard it (undefined: keep the known one). */
export function rememberDoc(id: string, title?: string): void {
  const known = recentDocs().find((d) => d.id === id)?.title;
  const kept = title ?? known;
  const entry: RecentDoc = kept === undefined ? { id, openedAt: Date.now() } : { id, openedAt: Date.now(), title: kept };
  const list = [entry, ...recentDocs().filter((d) => d.id !== id)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(list));
}

/** A new document's id: opaque and URL-safe; the title is kept apart from it (PUT …/title). */
export function newDocId(suffix: string): string {
  return `doc-${suffix}`;
}

/**
 * Ids created by "New document" in this page: they may open before anything is written. The
 * title typed there is given to the document when its editor opens (renameDoc).
 */
const created = new Map<string, string | undefined>();

export function markCreated(id: string, title?: string): void {
  created.set(id, title);
}

/** The title typed when this page created the document, once: the editor names it with that. */
export function takeCreatedTitle(id: string): string | undefined {
  const title = created.get(id);
  if (title !== undefined) created.set(id, undefined);
  return title;
}

export function wasCreatedHere(id: string): boolean {
  return created.has(id);
}
