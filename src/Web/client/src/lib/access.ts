// Sharing as the server tells it (GET /api/docs/{id}/access and the answers to every change),
// and what the share dialog offers the person looking at it. Pure: the dialog renders from
// these and never from what it asked for, so the server's list stays the truth.

export type MemberRole = 'viewer' | 'editor' | 'owner';
export type GeneralAccess = 'restricted' | 'viewer' | 'editor';

export interface Member { user: string; role: MemberRole }
export interface AccessList { general: GeneralAccess; members: Member[] }

export const MEMBER_ROLES: readonly MemberRole[] = ['viewer', 'editor', 'owner'];

export const GENERAL_LABELS: Record<GeneralAccess, string> = {
  restricted: 'Restricted: only the people above',
  viewer: 'Anyone signed in with the link can view',
  editor: 'Anyone signed in with the link can edit',
};

const isMemberRole = (v: unknown): v is MemberRole => v === 'viewer' || v === 'editor' || v === 'owner';
const isGeneral = (v: unknown): v is GeneralAccess => v === 'restricted' || v === 'viewer' || v === 'editor';

/** The access part of any of the server's sharing answers; null when it is not one. */
export function parseAccess(body: unknown): AccessList | null {
  const b = body as { general?: unknown; members?: unknown } | null;
  if (b === null || typeof b !== 'object' || !isGeneral(b.general) || !Array.isArray(b.members)) return null;
  const members: Member[] = [];
  for (const m of b.members as unknown[]) {
    const { user, role } = (m ?? {}) as { user?: unknown; role?: unknown };
    if (typeof user !== 'string' || !isMemberRole(role)) return null;
    members.push({ user, role });
  }
  return { general: b.general, members };
}

/**
 * What the dialog lets `me` do. 'manage': an owner. 'claim': nobody owns the document and `me`
 * may edit it, so the first change makes `me` its owner (the server decides the same way).
 * 'read-only': everyone else sees the list without controls.
 */
export type Controls = 'manage' | 'claim' | 'read-only';

export function sharingControls(me: string | null, access: AccessList, mayEdit: boolean): Controls {
  if (me !== null && access.members.some((m) => m.user === me && m.role === 'owner')) return 'manage';
  if (mayEdit && !access.members.some((m) => m.role === 'owner')) return 'claim';
  return 'read-only';
}

/** The sentence a refusal carries (the project's error shape: message, or ProblemDetails' detail). */
export function refusalMessage(status: number, body: unknown, fallback = `Sharing was not changed (${status}).`): string {
  const b = body as { message?: unknown; detail?: unknown } | null;
  const text = typeof b?.message === 'string' ? b.message : typeof b?.detail === 'string' ? b.detail : null;
  return text !== null && text !== '' ? text : fallback;
}
