// Reconnect delays: exponential with "equal jitter" (half fixed, half random), so a server
// restart does not bring every client back in the same instant, and never a hot loop.

export interface BackoffOptions { baseMs: number; maxMs: number }

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000 };

export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions, private readonly random: () => number) {}

  /** The delay before the next attempt; each call doubles the ceiling up to maxMs. */
  next(): number {
    const ceiling = Math.min(this.options.maxMs, this.options.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  reset(): void {
    this.attempt = 0;
  }
}
