// PendingStore on IndexedDB: one record per (document, client id) in one object store.
import type { PendingRecord, PendingStore } from './pending-store.js';

const STORE = 'pending';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export class IndexedDbPendingStore implements PendingStore {
  private constructor(private readonly db: IDBDatabase, private readonly keyRange: typeof IDBKeyRange) {}

  static async open(factory: IDBFactory = indexedDB, keyRange: typeof IDBKeyRange = IDBKeyRange, name = 'akkacollab'): Promise<IndexedDbPendingStore> {
    const open = factory.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(STORE, { keyPath: ['doc', 'clientId'] });
    };
    return new IndexedDbPendingStore(await request(open), keyRange);
  }

  async load(doc: string, clientId: string): Promise<PendingRecord | null> {
    const tx = this.db.transaction(STORE, 'readonly');
    const found = await request(tx.objectStore(STORE).get([doc, clientId]) as IDBRequest<PendingRecord | undefined>);
    return found ?? null;
  }

  async list(doc: string): Promise<PendingRecord[]> {
    const tx = this.db.transaction(STORE, 'readonly');
    // Keys are [doc, clientId]: every client id of one document sorts between these two.
    const range = this.keyRange.bound([doc, ''], [doc, '\uffff']);
    return await request(tx.objectStore(STORE).getAll(range) as IDBRequest<PendingRecord[]>);
  }

  async save(record: PendingRecord): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(record);
    // Resolve on commit, not on the put's success: only then does the record survive a reload.
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  close(): void {
    this.db.close();
  }
}
