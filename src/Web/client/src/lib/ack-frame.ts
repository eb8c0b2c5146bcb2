// The `ack` frame with the `dup` flag (src/Protocol/README.md): the op with this (client, seq)
// had been applied before, at `rev`, and was not applied again. protocol.ts's ServerFrame does
// not name the flag yet; the client reads it through this type.
export interface AckFrame { a: 'ack'; doc: string; seq: number; rev: number; dup?: boolean }
