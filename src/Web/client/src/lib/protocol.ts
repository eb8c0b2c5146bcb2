// The wire protocol v1 as the browser sees it (src/Protocol/README.md is the contract).
// The server parses strictly: a frame with a field it does not know is rejected, so every
// frame built here carries exactly the documented fields.
import type { Op } from 'quill-delta';

export const PROTOCOL_VERSION = 1;

/** A Quill Delta on the wire. */
export interface WireDelta { ops: Op[] }

/** A cursor or selection, in UTF-16 code units. */
export interface CursorRange { index: number; length: number }

export type ClientFrame =
  | { a: 'hello'; v: number; token?: string }
  | { a: 'auth'; token: string }
  | { a: 'sub'; doc: string; from?: number }
  | { a: 'unsub'; doc: string }
  | { a: 'op'; doc: string; client: string; seq: number; rev: number; delta: WireDelta }
  | { a: 'presence'; doc: string; rev: number; range: CursorRange | null }
  | { a: 'ping'; t?: number }
  | { a: 'pong'; t: number };

export type ServerFrame =
  | { a: 'hello'; v: number; min: number; max: number; session: string }
  | { a: 'auth'; exp: number }
  | { a: 'snapshot'; doc: string; rev: number; delta: WireDelta }
  | { a: 'subscribed'; doc: string; rev: number }
  | { a: 'unsub'; doc: string }
  | { a: 'op'; doc: string; rev: number; client: string; seq: number; user: string; delta: WireDelta }
  | { a: 'ack'; doc: string; seq: number; rev: number }
  | { a: 'error'; code: string; message: string; doc?: string; seq?: number }
  | { a: 'presence'; doc: string; client: string; user: string; rev: number; range: CursorRange | null }
  | { a: 'ping'; t: number }
  | { a: 'pong'; t: number };

/** Close codes the client reacts to (README "Close codes"). */
export const CloseCodes = {
  normal: 1000,
  tooBig: 1009,
  serverError: 1011,
  restart: 1012,
  idle: 4000,
  slowConsumer: 4008,
  protocolError: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  versionUnsupported: 4426,
  rateLimited: 4429,
} as const;

/**
 * Close codes after which reconnecting cannot help until a person acts. 4401 is not one: a
 * fresh access token (refresh) fixes it; 4403 (access removed) has its own state.
 */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCodes.normal, CloseCodes.tooBig, CloseCodes.protocolError, CloseCodes.versionUnsupported,
]);

/**
 * Error codes after which the client stops: a person must act (upgrade, fix the client).
 * `unauthorized` is followed by a 4401 close (or answers a refused `auth`, old token still in
 * force); `forbidden` means access was removed.
 */
export const FATAL_ERROR_CODES: ReadonlySet<string> = new Set([
  'version_too_old', 'version_too_new', 'protocol_error', 'bad_message',
]);

/** Error codes that reject the in-flight op for good: it is dropped and the document resynced. */
export const REJECTING_ERROR_CODES: ReadonlySet<string> = new Set([
  'bad_op', 'bad_attribute', 'unsafe_link', 'too_large',
]);

/** Error codes after which the same (client, seq) is resent later. */
export const RETRY_ERROR_CODES: ReadonlySet<string> = new Set(['unavailable', 'rate_limited']);

export function parseServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null || typeof (value as { a?: unknown }).a !== 'string') return null;
    return value as ServerFrame;
  } catch {
    return null;
  }
}
