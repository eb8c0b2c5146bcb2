// An OtClient to and from the record a PendingStore keeps (plain JSON-shaped data).
import Delta from 'quill-delta';
import { OtClient, type OtState, type Splitter } from './ot-client.js';
import type { PendingRecord } from './pending-store.js';

export function toRecord(doc: string, clientId: string, ot: OtClient): PendingRecord {
  const state = ot.state;
  return {
    doc, clientId, seq: ot.seq, rev: ot.rev, server: ot.server.ops,
    inflight: state.kind === 'Synchronized' ? null : { seq: state.inflight.seq, ops: state.inflight.delta.ops },
    buffer: state.kind === 'AwaitingWithBuffer' ? state.buffer.ops : null,
  };
}

export function fromRecord(r: PendingRecord, split?: Splitter): OtClient {
  const server = new Delta(r.server);
  if (r.inflight === null) return new OtClient({ rev: r.rev, seq: r.seq, server, split });
  const inflight = { seq: r.inflight.seq, delta: new Delta(r.inflight.ops) };
  const state: OtState = r.buffer === null
    ? { kind: 'AwaitingConfirm', inflight }
    : { kind: 'AwaitingWithBuffer', inflight, buffer: new Delta(r.buffer) };
  return new OtClient({ rev: r.rev, seq: r.seq, server, state, split });
}
