// Who is typing, and which tab. Both live in sessionStorage: they survive a reload of this tab
// (so its pending ops can be resent under the same client id) and nothing else.
// The development identity is a user name, not a secret; when the security issue lands, the
// access token is kept in memory only and never written to any storage.

const USER_KEY = 'akkacollab.user';
const CLIENT_KEY = 'akkacollab.client';
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

export function currentUser(): string | null {
  return sessionStorage.getItem(USER_KEY);
}

/** Signs in with a development identity; returns an error message for a name the server refuses. */
export function signIn(name: string): string | null {
  const trimmed = name.trim();
  if (!NAME.test(trimmed)) return 'A name is 1–64 letters, digits, dots, dashes or underscores.';
  sessionStorage.setItem(USER_KEY, trimmed);
  return null;
}

export function signOut(): void {
  sessionStorage.removeItem(USER_KEY);
}

export function randomId(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

/** This tab's client id, stable across reloads of the tab. */
export function tabClientId(): string {
  let id = sessionStorage.getItem(CLIENT_KEY);
  if (id === null) {
    id = `tab-${randomId(12)}`;
    sessionStorage.setItem(CLIENT_KEY, id);
  }
  return id;
}

/** A new id for this tab: another live tab already uses the one in sessionStorage (a duplicated tab). */
export function replaceTabClientId(): string {
  const id = `tab-${randomId(12)}`;
  sessionStorage.setItem(CLIENT_KEY, id);
  return id;
}
