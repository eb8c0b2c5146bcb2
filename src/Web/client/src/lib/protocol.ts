// The wire protocol v1 as the browser sees it (src/Protocol/README.md is the contract).
// The server parses strictly: a frame with a field it does not know is rejected, so every
// frame built here carries exactly the documented fields. The codes, their meaning for the
// client and the validation rules come from protocol-contract.json, which is generated from
// the C# definitions in src/Protocol (a C# test fails when the two differ).
import type { Op } from 'quill-delta';
import contract from './protocol-contract.json' with { type: 'json' };

/** The version this client speaks: the newest the server build it ships with accepts. */
export const PROTOCOL_VERSION: number = contract.protocol.max;

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
  /** range null: here without a cursor; idle: the user is inactive (sent only when true). */
  | { a: 'presence'; doc: string; rev: number; range: CursorRange | null; idle?: true }
  | { a: 'ping'; t?: number }
  | { a: 'pong'; t: number };

export type ServerFrame =
  | { a: 'hello'; v: number; min: number; max: number; session: string }
  | { a: 'auth'; exp: number }
  | { a: 'snapshot'; doc: string; rev: number; delta: WireDelta }
  | { a: 'subscribed'; doc: string; rev: number }
  | { a: 'unsub'; doc: string }
  | { a: 'op'; doc: string; rev: number; client: string; seq: number; user: string; delta: WireDelta }
  | { a: 'ack'; doc: string; seq: number; rev: number; dup?: boolean }
  | { a: 'error'; code: string; message: string; doc?: string; seq?: number }
  /** gone: the collaborator left; idle: they are inactive (each present only when true). */
  | { a: 'presence'; doc: string; client: string; user: string; rev: number; range: CursorRange | null; idle?: true; gone?: true }
  | { a: 'title'; doc: string; title: string }
  | { a: 'ping'; t: number }
  | { a: 'pong'; t: number };

/**
 * The client's names for the close codes (README "Close codes") and the C# `CloseCodes`
 * constant each one is; the numbers come from the contract.
 */
const CLOSE_CODE_NAMES = {
  normal: 'Normal',
  tooBig: 'TooBig',
  serverError: 'InternalError',
  restart: 'ServiceRestart',
  idle: 'IdleTimeout',
  slowConsumer: 'SlowConsumer',
  protocolError: 'ProtocolError',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  versionUnsupported: 'VersionUnsupported',
  rateLimited: 'RateLimited',
} as const;

/** Close codes the client reacts to, by the client's name. */
export const CloseCodes: { readonly [K in keyof typeof CLOSE_CODE_NAMES]: number } = Object.freeze(
  Object.fromEntries(Object.entries(CLOSE_CODE_NAMES).map(([key, name]) => [key, closeCodeNamed(name)])) as
    Record<keyof typeof CLOSE_CODE_NAMES, number>,
);

/**
 * Close codes after which reconnecting cannot help until a person acts. 4401 is not one: a
 * fresh access token (refresh) fixes it; 4403 (access removed) has its own state.
 */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set(
  contract.closeCodes.filter((c) => c.reaction === 'stop').map((c) => c.code),
);

/**
 * Error codes after which the client stops: a person must act (upgrade, fix the client).
 * `unauthorized` is followed by a 4401 close (or answers a refused `auth`, old token still in
 * force); `forbidden` means access was removed.
 */
export const FATAL_ERROR_CODES: ReadonlySet<string> = errorCodesWhere((e) => e.reaction === 'stop');

/** Error codes that reject the in-flight op for good: the server will never take it. */
export const REJECTING_ERROR_CODES: ReadonlySet<string> = errorCodesWhere((e) => e.reaction === 'drop_op');

/** Error codes after which the same (client, seq) is resent later. */
export const RETRY_ERROR_CODES: ReadonlySet<string> = errorCodesWhere((e) => e.retry);

/** The server's default op validation rules (limits and allow-lists), as the contract states them. */
export const VALIDATION_RULES: Readonly<typeof contract.validation> = contract.validation;

function closeCodeNamed(name: string): number {
  const row = contract.closeCodes.find((c) => c.name === name);
  if (row === undefined) throw new Error(`protocol-contract.json has no close code named ${name}`);
  return row.code;
}

function errorCodesWhere(predicate: (row: (typeof contract.errorCodes)[number]) => boolean): ReadonlySet<string> {
  return new Set(contract.errorCodes.filter(predicate).map((e) => e.name));
}

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
