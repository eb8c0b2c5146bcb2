// Who has a document open, as the avatars show them: one per user (a user with two tabs is one
// avatar), idle only when every tab of theirs is idle, in the colour of their cursor.
export interface Participant { client: string; user: string; idle: boolean; hasCursor: boolean }

export interface Person {
  user: string;
  initials: string;
  color: string;
  idle: boolean;
  /** A tab of theirs that has a cursor (to jump to), or null. */
  cursorClient: string | null;
}

const COLORS = ['#d81b60', '#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41', '#3949ab'];

/** The colour of a user: the same for their cursor and their avatar, in every tab. */
export function colorOf(user: string): string {
  let h = 0;
  for (const ch of user) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

/**
 * One or two letters for an avatar: the first letters of the first two words ("Ada Lovelace"
 * → "AL", "bob.smith" → "BS"), else the first two letters ("carol" → "CA"); whole characters,
 * so "émile" → "ÉM" and "日本" → "日本".
 */
export function initialsOf(user: string): string {
  const words = user.split(/[\s._@-]+/u).filter((w) => w.length > 0);
  if (words.length === 0) return '?';
  const first = (w: string) => Array.from(w)[0]!;
  const letters = words.length >= 2 ? first(words[0]!) + first(words[1]!) : Array.from(words[0]!).slice(0, 2).join('');
  return letters.toLocaleUpperCase();
}

/** The avatars for a presence list: self first (if present), then the others by name. */
export function peopleOf(participants: readonly Participant[], self: string | null): Person[] {
  const byUser = new Map<string, Person>();
  for (const p of participants) {
    const person = byUser.get(p.user);
    if (person === undefined) {
      byUser.set(p.user, {
        user: p.user, initials: initialsOf(p.user), color: colorOf(p.user), idle: p.idle,
        cursorClient: p.hasCursor ? p.client : null,
      });
    } else {
      person.idle &&= p.idle;
      // An active tab's cursor is the one to jump to.
      if (p.hasCursor && (person.cursorClient === null || !p.idle)) person.cursorClient = p.client;
    }
  }
  return [...byUser.values()].sort((a, b) =>
    a.user === self ? -1 : b.user === self ? 1 : a.user.localeCompare(b.user));
}
