// Who is signed in, and the access token that proves it. The token lives in this object only
// (memory): never in localStorage, sessionStorage, IndexedDB or a URL, so a reload or a new tab
// gets a fresh one from POST /api/auth/refresh, whose HttpOnly cookie script cannot read.
//
//   signed out ──signIn / refresh ok──▶ signed in ──(exp - lead)──▶ refresh ──ok──▶ signed in
//        ▲                                   │                          │
//        └────── logout, refresh refused ────┴──────────────────────────┘ unreachable: retry
//
// "Unreachable" (no network, 5xx, 429) is not "signed out": the user stays signed in as far as
// the app knows, and the next attempt decides.
import { realClock, Timer, type Clock } from './clock.js';
import { Emitter } from './emitter.js';

export type RefreshOutcome = 'ok' | 'unreachable' | 'signed-out';

/** The part of the browser's fetch this uses, so tests can hand it a simulated server. */
export type FetchLike = (url: string, init: {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: 'same-origin';
}) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface AuthSessionOptions {
  fetch: FetchLike;
  clock?: Clock;
  /** Wall-clock milliseconds, comparable with the server's `expiresAt`. */
  now?: () => number;
  /** Refresh this long before the token expires (at most a third of its remaining life). */
  leadMs?: number;
  /** Runs one refresh at a time across the browser's tabs (Web Locks): a refresh token is single-use. */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface AuthSessionEvents {
  /** A new access token: send it on every open socket (`auth {token}`). */
  token: [token: string];
  /** The server refused the refresh cookie (or the user signed out): show the sign-in. */
  'signed-out': [];
}

interface Issued { accessToken: string; expiresAt: number; user: string }

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const RETRY_MS = 5_000;

function isIssued(value: unknown): value is Issued {
  const v = value as Partial<Issued> | null;
  return typeof v === 'object' && v !== null && typeof v.accessToken === 'string' && typeof v.expiresAt === 'number' && typeof v.user === 'string';
}

export class AuthSession extends Emitter<AuthSessionEvents> {
  private readonly clock: Clock;
  private readonly now: () => number;
  private readonly timer: Timer;
  private current: Issued | null = null;
  private inFlight: Promise<RefreshOutcome> | null = null;

  constructor(private readonly options: AuthSessionOptions) {
    super();
    this.clock = options.clock ?? realClock;
    this.now = options.now ?? (() => Date.now());
    this.timer = new Timer(this.clock);
  }

  get user(): string | null { return this.current?.user ?? null; }
  get token(): string | undefined { return this.current?.accessToken; }
  get expiresAt(): number | null { return this.current?.expiresAt ?? null; }

  /** The development sign-in; resolves to an error message for the user, or null when signed in. */
  async signIn(name: string): Promise<string | null> {
    const trimmed = name.trim();
    if (!NAME.test(trimmed)) return 'A name is 1–64 letters, digits, dots, dashes or underscores.';
    try {
      const response = await this.options.fetch('/api/auth/dev-sign-in', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: trimmed }), credentials: 'same-origin',
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok || !isIssued(body)) return `Sign-in failed (${response.status}${detailOf(body)}).`;
      this.accept(body);
      return null;
    } catch {
      return 'Sign-in needs the network: you seem to be offline.';
    }
  }

  /** A new access token from the refresh cookie. Concurrent calls share one request. */
  refresh(): Promise<RefreshOutcome> {
    this.inFlight ??= this.exchange().finally(() => { this.inFlight = null; });
    return this.inFlight;
  }

  /** Ends the sign-in on the server (revokes the refresh family) and forgets the token. */
  async signOut(): Promise<void> {
    this.forget();
    try {
      await this.options.fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
    } catch {
      // Offline: the cookie stays until it is used or expires; the token is gone from memory.
    }
  }

  /** Authorization header for a REST call, when signed in. */
  headers(): Record<string, string> {
    return this.current === null ? {} : { Authorization: `Bearer ${this.current.accessToken}` };
  }

  private async exchange(): Promise<RefreshOutcome> {
    const run = async (): Promise<RefreshOutcome> => {
      try {
        const response = await this.options.fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
        if (response.status === 429 || response.status >= 500) return 'unreachable';
        const body: unknown = await response.json().catch(() => null);
        if (!response.ok || !isIssued(body)) {
          this.forget();
          this.emit('signed-out');
          return 'signed-out';
        }
        this.accept(body);
        return 'ok';
      } catch {
        return 'unreachable';
      }
    };
    const outcome = await (this.options.exclusive ? this.options.exclusive(run) : run());
    if (outcome === 'unreachable' && this.current !== null) this.timer.start(RETRY_MS, () => void this.refresh());
    return outcome;
  }

  private accept(issued: Issued): void {
    this.current = issued;
    const remaining = issued.expiresAt - this.now();
    const lead = Math.min(this.options.leadMs ?? 60_000, remaining / 3);
    this.timer.start(Math.max(1_000, remaining - lead), () => void this.refresh());
    this.emit('token', issued.accessToken);
  }

  private forget(): void {
    this.timer.cancel();
    this.current = null;
  }
}

function detailOf(body: unknown): string {
  const detail = (body as { detail?: unknown } | null)?.detail;
  return typeof detail === 'string' ? `: ${detail}` : '';
}
