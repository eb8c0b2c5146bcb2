// The documents' lists as the server pages them (GET /api/docs?list=…): parsing an answer, the
// address of a page, and the words a row shows. Pure: the documents page renders from these.
import type { MemberRole } from './access.js';

export type ListKind = 'mine' | 'shared' | 'trash';

export const LIST_KINDS: readonly ListKind[] = ['mine', 'shared', 'trash'];

/** Rows per page; the server allows 1-100. */
export const PAGE_SIZE = 20;

/** One document in a list; times are Unix ms, null when unknown (never edited, not deleted). */
export interface DocRow {
  id: string;
  title: string | null;
  owner: string | null;
  role: MemberRole;
  lastEditedAt: number | null;
  lastEditedBy: string | null;
  deletedAt: number | null;
  restorableUntil: number | null;
}

export interface DocPage { items: DocRow[]; next: string | null }

const isRole = (v: unknown): v is MemberRole => v === 'viewer' || v === 'editor' || v === 'owner';
const stringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const timeOrNull = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));

/** A page of the server's answer; null when the body is not one. */
export function parsePage(body: unknown): DocPage | null {
  const b = body as { items?: unknown; next?: unknown } | null;
  if (b === null || typeof b !== 'object' || !Array.isArray(b.items) || !stringOrNull(b.next)) return null;
  const items: DocRow[] = [];
  for (const raw of b.items as unknown[]) {
    const r = (raw ?? {}) as Record<string, unknown>;
    const { id, title, owner, role, lastEditedAt, lastEditedBy, deletedAt, restorableUntil } = r;
    if (typeof id !== 'string' || !stringOrNull(title) || !stringOrNull(owner) || !isRole(role) || !timeOrNull(lastEditedAt)
      || !stringOrNull(lastEditedBy) || !timeOrNull(deletedAt) || !timeOrNull(restorableUntil)) return null;
    items.push({ id, title, owner, role, lastEditedAt, lastEditedBy, deletedAt, restorableUntil });
  }
  return { items, next: b.next };
}

/** The address of one page: search is a part of the title (blank: every document). */
export function listUrl(kind: ListKind, search: string, cursor: string | null, limit = PAGE_SIZE): string {
  const query = new URLSearchParams({ list: kind, limit: String(limit) });
  if (search.trim() !== '') query.set('q', search.trim());
  if (cursor !== null) query.set('cursor', cursor);
  return `/api/docs?${query.toString()}`;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [['year', 365 * 86_400_000], ['month', 30 * 86_400_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];

/** "5 minutes ago", "yesterday", "just now": how long ago `at` was, seen at `now`. */
export function ago(at: number, now: number): string {
  const elapsed = now - at;
  for (const [unit, ms] of STEPS) {
    if (Math.abs(elapsed) >= ms) return relative.format(-Math.round(elapsed / ms), unit);
  }
  return 'just now';
}

const ROLE_NAMES: Record<MemberRole, string> = { owner: 'owner', editor: 'editor', viewer: 'viewer' };

/** The line under a row's title: who owns it, what the reader may do, and the last edit. */
export function rowDetails(row: DocRow, kind: ListKind, now: number): string {
  const parts: string[] = [];
  if (kind !== 'mine') parts.push(`Owner: ${row.owner ?? 'nobody'}`);
  parts.push(`You: ${ROLE_NAMES[row.role]}`);
  if (kind === 'trash' && row.deletedAt !== null) {
    parts.push(`Deleted ${ago(row.deletedAt, now)}`);
    if (row.restorableUntil !== null) parts.push(`restorable until ${new Date(row.restorableUntil).toLocaleDateString('en')}`);
  } else if (row.lastEditedAt !== null) {
    parts.push(`Edited ${ago(row.lastEditedAt, now)}${row.lastEditedBy === null ? '' : ` by ${row.lastEditedBy}`}`);
  } else {
    parts.push('Never edited');
  }
  return parts.join(' · ');
}

/** Only an owner may delete or restore (the server decides the same way). */
export const mayDelete = (row: DocRow): boolean => row.role === 'owner';

/** Which list a restored document goes back to: the owner's own, or shared with the reader. */
export const restoredTo = (row: DocRow, me: string | null): ListKind => (row.owner !== null && row.owner === me ? 'mine' : 'shared');
