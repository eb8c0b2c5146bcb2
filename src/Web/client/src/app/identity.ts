// Which tab this is: the client id lives in sessionStorage, so it survives a reload of this tab
// (its pending ops are resent under the same client id) and nothing else. Who the user is lives
// in ./session.ts, in memory: no token or user is ever written to any storage.

const CLIENT_KEY = 'akkacollab.client';

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
