// A minimal typed event emitter (the browser build stays free of Node's events module).

export type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<E extends { [K in keyof E]: unknown[] }> {
  private readonly listeners: { [K in keyof E]?: Listener<E[K]>[] } = {};

  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    (this.listeners[event] ??= []).push(listener);
    return () => {
      this.listeners[event] = this.listeners[event]?.filter((l) => l !== listener);
    };
  }

  protected emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const listener of this.listeners[event] ?? []) listener(...args);
  }
}
