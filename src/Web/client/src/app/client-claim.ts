// Which client id this tab edits a document under. Normally the tab's own (sessionStorage), but
// when a tab closed with unsent edits of this document, the next tab to open it takes over that
// client id, and with it the seq of the op in flight, so those edits are sent exactly once.
// Web Locks make every claim exclusive: a live tab holds the lock of each id it uses.
import { hasPending, type PendingStore } from '../lib/pending-store.js';
import { replaceTabClientId, tabClientId } from './identity.js';

const lockName = (clientId: string) => `akkacollab:client:${clientId}`;

/** Takes the lock if free; resolves to its release, or null when another tab holds it. */
function hold(clientId: string): Promise<(() => void) | null> {
  return new Promise((resolve) => {
    void navigator.locks.request(lockName(clientId), { ifAvailable: true }, (lock) => {
      if (lock === null) {
        resolve(null);
        return undefined;
      }
      return new Promise<void>((release) => resolve(release));
    });
  });
}

let own: Promise<string> | null = null;

/** This tab's id, locked for the tab's lifetime. A duplicated tab (same sessionStorage) gets a new one. */
function ownClientId(): Promise<string> {
  own ??= (async () => {
    const id = tabClientId();
    if ((await hold(id)) !== null) return id;
    const fresh = replaceTabClientId();
    await hold(fresh);
    return fresh;
  })();
  return own;
}

export interface Claim { clientId: string; release: () => void }

export async function claimClientId(doc: string, store: PendingStore): Promise<Claim> {
  if (!('locks' in navigator)) return { clientId: tabClientId(), release: () => undefined };
  const mine = await ownClientId();
  const record = await store.load(doc, mine);
  if (record === null || !hasPending(record)) {
    for (const orphan of await store.list(doc)) {
      if (orphan.clientId === mine || !hasPending(orphan)) continue;
      const release = await hold(orphan.clientId);
      if (release !== null) return { clientId: orphan.clientId, release };
    }
  }
  return { clientId: mine, release: () => undefined };
}
