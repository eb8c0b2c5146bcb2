// Time and chance, injected so tests run sessions on virtual time with a seeded random source.

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export const realClock: Clock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};

/** A timer slot that holds at most one pending callback. */
export class Timer {
  private handle: unknown = null;

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.handle !== null;
  }

  start(ms: number, fn: () => void): void {
    this.cancel();
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      fn();
    }, ms);
  }

  cancel(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }
}
