// The part of the browser's WebSocket a session uses, so tests can hand it a simulated one.

// Method-style (bivariant) handler types, so the DOM's WebSocket, whose handlers take Event
// subtypes, fits without a cast.
type Handler<E> = { bivarianceHack(ev: E): void }['bivarianceHack'];

export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

export type SocketFactory = (url: string) => SocketLike;

/** Forgets a socket: its late events can no longer reach the session that dropped it. */
export function detach(socket: SocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
