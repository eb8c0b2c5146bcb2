// Where a session keeps what the server has not acknowledged yet, so a reload or a crash loses
// nothing. Holds the document and ops only: never a token or any other credential.
import type { Op } from 'quill-delta';

/** One session's durable state: enough to rebuild its OtClient after a reload. */
export interface PendingRecord {
  doc: string;
  clientId: string;
  /** The last seq handed out. */
  seq: number;
  /** The server revision `server` is at. */
  rev: number;
  server: Op[];
  inflight: { seq: number; ops: Op[] } | null;
  buffer: Op[] | null;
}

export interface PendingStore {
  load(doc: string, clientId: string): Promise<PendingRecord | null>;
  save(record: PendingRecord): Promise<void>;
  /** Every record of one document, whichever tab wrote it. */
  list(doc: string): Promise<PendingRecord[]>;
}

/** True when the record holds edits the server has not acknowledged. */
export function hasPending(record: PendingRecord): boolean {
  return record.inflight !== null || record.buffer !== null;
}

/** For tests and for browsers without IndexedDB (private windows of some browsers). */
export class MemoryPendingStore implements PendingStore {
  private readonly records = new Map<string, string>();

  async load(doc: string, clientId: string): Promise<PendingRecord | null> {
    const json = this.records.get(`${doc}\u0000${clientId}`);
    return json === undefined ? null : (JSON.parse(json) as PendingRecord);
  }

  async list(doc: string): Promise<PendingRecord[]> {
    return [...this.records.values()].map((json) => JSON.parse(json) as PendingRecord).filter((r) => r.doc === doc);
  }

  async save(record: PendingRecord): Promise<void> {
    // Stored as JSON so a caller mutating its record afterwards cannot change what was saved.
    this.records.set(`${record.doc}\u0000${record.clientId}`, JSON.stringify(record));
  }
}
