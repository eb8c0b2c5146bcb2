// The documents this browser has opened or created, newest first. The server has no
// list-documents endpoint yet (documents exist once written), so the list is per device.

const KEY = 'akkacollab.recent';
const MAX = 50;
export const DOC_ID = /^[A-Za-z0-9._-]{1,128}$/;

export interface RecentDoc { id: string; openedAt: number }

export function recentDocs(): RecentDoc[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as RecentDoc[]).filter((d) => typeof d.id === 'string' && DOC_ID.test(d.id)) : [];
  } catch {
    return [];
  }
}

export function rememberDoc(id: string): void {
  const list = [{ id, openedAt: Date.now() }, ...recentDocs().filter((d) => d.id !== id)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(list));
}

/** A readable, unique id from a title: "Team plan" → "team-plan-k3x9q". */
export function newDocId(title: string, suffix: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return slug.length > 0 ? `${slug}-${suffix}` : `doc-${suffix}`;
}

/** Ids created by "New document" in this page: they may open before anything is written. */
const created = new Set<string>();

export function markCreated(id: string): void {
  created.add(id);
}

export function wasCreatedHere(id: string): boolean {
  return created.has(id);
}
