// The page's one AuthSession. The access token it holds lives in this module's memory only;
// the refresh cookie (HttpOnly) is what survives a reload, so a reload starts with restore().
import { AuthSession, type RefreshOutcome } from '../lib/auth-session.js';

/** One refresh at a time across this browser's tabs: a second use of a rotated refresh token revokes the sign-in. */
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  if (!('locks' in navigator)) return work();
  return navigator.locks.request('akkacollab:refresh', () => work()) as Promise<T>;
}

export const auth = new AuthSession({
  fetch: (url, init) => fetch(url, init),
  exclusive,
});

let restored: Promise<RefreshOutcome> | null = null;

/** At page load: a token from the refresh cookie, if this browser is signed in. */
export function restore(): Promise<RefreshOutcome> {
  restored ??= auth.refresh();
  return restored;
}

/** fetch with the access token; a 401 (token expired meanwhile) refreshes once and retries. */
export async function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const send = () => fetch(url, { ...init, headers: { ...init.headers as Record<string, string> | undefined, ...auth.headers() } });
  const first = await send();
  if (first.status !== 401 || (await auth.refresh()) !== 'ok') return first;
  return send();
}
