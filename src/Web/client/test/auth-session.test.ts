import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { AuthSession, type FetchLike } from '../src/lib/auth-session.js';
import { MemoryPendingStore } from '../src/lib/pending-store.js';
import type { ClientFrame } from '../src/lib/protocol.js';
import { World } from './harness.js';
import { VirtualClock, settle } from './sim.js';

const LIFETIME = 600_000;

/** /api/auth as the server answers it: numbered tokens, ten minutes each. */
class FakeAuthServer {
  readonly calls: string[] = [];
  mode: 'up' | 'down' | 'refusing' = 'up';
  private issued = 0;

  constructor(private readonly clock: VirtualClock) {}

  readonly fetch: FetchLike = async (url) => {
    this.calls.push(url);
    if (this.mode === 'down') throw new TypeError('Failed to fetch');
    if (this.mode === 'refusing' && url === '/api/auth/refresh') return reply(401, { code: 'unauthorized', detail: 'refresh: sign in' });
    if (url === '/api/auth/logout') return reply(204, null);
    this.issued++;
    return reply(200, { accessToken: `jwt-${this.issued}`, tokenType: 'Bearer', expiresAt: this.clock.now + LIFETIME, user: 'ann' });
  };

  refreshes(): number {
    return this.calls.filter((u) => u === '/api/auth/refresh').length;
  }
}

function reply(status: number, body: unknown) {
  return Promise.resolve({ ok: status >= 200 && status < 300, status, json: () => Promise.resolve(body) });
}

function authFor(clock: VirtualClock) {
  const server = new FakeAuthServer(clock);
  const auth = new AuthSession({ fetch: server.fetch, clock, now: () => clock.now });
  return { server, auth };
}

/** A world whose session takes its token from an AuthSession, wired as the app wires it. */
async function signedInSession() {
  const world = new World();
  const { server, auth } = authFor(world.clock);
  assert.equal(await auth.signIn('ann'), null);
  const ann = world.session('ann', new MemoryPendingStore(), true, { token: () => auth.token, refresh: () => auth.refresh() });
  auth.on('token', () => ann.client.reauthenticate());
  await ann.client.start();
  await deliver(world);
  return { world, server, auth, ann };
}

/** Delivers every frame without firing timers (token timers are minutes away). */
async function deliver(world: World): Promise<void> {
  await settle();
  await world.deliverAll();
}

const hellos = (frames: ClientFrame[]) => frames.filter((f): f is Extract<ClientFrame, { a: 'hello' }> => f.a === 'hello');

test('Sign-in keeps the token in memory and refreshes it a minute before it expires', async () => {
  const clock = new VirtualClock();
  const { server, auth } = authFor(clock);
  const tokens: string[] = [];
  auth.on('token', (t) => tokens.push(t));
  assert.equal(await auth.signIn('ann'), null);
  assert.equal(auth.token, 'jwt-1');
  assert.deepEqual(auth.headers(), { Authorization: 'Bearer jwt-1' });
  clock.advance(LIFETIME - 60_000 - 1);
  await settle();
  assert.equal(server.refreshes(), 0);
  clock.advance(1);
  await settle();
  assert.equal(server.refreshes(), 1);
  assert.equal(auth.token, 'jwt-2');
  assert.deepEqual(tokens, ['jwt-1', 'jwt-2']);
});

test('A name the server would refuse is rejected before any request', async () => {
  const { server, auth } = authFor(new VirtualClock());
  assert.match((await auth.signIn('not a name!')) ?? '', /1–64 letters/);
  assert.deepEqual(server.calls, []);
  assert.equal(auth.token, undefined);
});

test('Concurrent refreshes share one request: a refresh token is single-use', async () => {
  const { server, auth } = authFor(new VirtualClock());
  const outcomes = await Promise.all([auth.refresh(), auth.refresh(), auth.refresh()]);
  assert.deepEqual(outcomes, ['ok', 'ok', 'ok']);
  assert.equal(server.refreshes(), 1);
});

test('A refused refresh signs out; an unreachable server keeps the sign-in and retries', async () => {
  const clock = new VirtualClock();
  const { server, auth } = authFor(clock);
  let signedOut = 0;
  auth.on('signed-out', () => signedOut++);
  await auth.signIn('ann');
  server.mode = 'down';
  assert.equal(await auth.refresh(), 'unreachable');
  assert.equal(auth.token, 'jwt-1');
  server.mode = 'up';
  clock.advance(5_000);
  await settle();
  assert.equal(auth.token, 'jwt-2');
  server.mode = 'refusing';
  assert.equal(await auth.refresh(), 'signed-out');
  assert.equal(auth.token, undefined);
  assert.equal(signedOut, 1);
});

test('Sign-out calls logout and forgets the token', async () => {
  const { server, auth } = authFor(new VirtualClock());
  await auth.signIn('ann');
  await auth.signOut();
  assert.equal(auth.token, undefined);
  assert.deepEqual(auth.headers(), {});
  assert.equal(server.calls.at(-1), '/api/auth/logout');
});

test('A refreshed token is sent as auth on the open socket before the old one expires', async () => {
  const { world, ann } = await signedInSession();
  assert.deepEqual(hellos(world.server.received).map((h) => h.token), ['jwt-1']);
  world.clock.advance(LIFETIME - 60_000);
  await settle();
  await world.deliverAll();
  assert.ok(world.clock.now < LIFETIME, 'the auth frame went out before the first token expired');
  assert.deepEqual(world.server.received.filter((f) => f.a === 'auth'), [{ a: 'auth', token: 'jwt-2' }]);
  assert.equal(ann.sockets.length, 1, 'the socket was kept, not replaced');
  assert.equal(ann.client.phase, 'live');
});

test('Without a token the session refreshes before its first hello and never says hello anonymously', async () => {
  const world = new World();
  const { auth } = authFor(world.clock);
  const ann = world.session('ann', new MemoryPendingStore(), true, { token: () => auth.token, refresh: () => auth.refresh() });
  await ann.client.start();
  await deliver(world);
  assert.deepEqual(hellos(world.server.received), [{ a: 'hello', v: 1, token: 'jwt-1' }]);
  assert.equal(ann.client.phase, 'live');
});

test('A 4401 close refreshes the token and reconnects with the new one, keeping the edits', async () => {
  const { world, server, auth, ann } = await signedInSession();
  ann.client.submit(new Delta().insert('kept'));
  world.clock.advance(30);
  world.server.refusedTokens.add('jwt-1');
  world.server.kill(ann.socket!, 4401);
  await world.deliverAll();
  world.clock.advance(1_000);
  await settle();
  await world.deliverAll();
  assert.equal(server.refreshes(), 1);
  assert.equal(auth.token, 'jwt-2');
  assert.deepEqual(hellos(world.server.received).map((h) => h.token), ['jwt-1', 'jwt-2']);
  assert.equal(ann.client.phase, 'live');
  assert.deepEqual(world.server.document, new Delta().insert('kept'));
});

test('A 4401 while the refresh cannot reach the server stays offline with the edits and retries', async () => {
  const { world, server, ann } = await signedInSession();
  server.mode = 'down';
  world.server.kill(ann.socket!, 4401);
  await world.deliverAll();
  ann.client.submit(new Delta().insert('offline edit'));
  world.clock.advance(2_000);
  await settle();
  assert.equal(ann.statuses.at(-1), 'offline');
  assert.ok(server.refreshes() >= 1);
  server.mode = 'up';
  world.clock.advance(15_000);
  await settle();
  await world.deliverAll();
  world.clock.advance(100);
  await settle();
  await world.deliverAll();
  assert.equal(ann.client.phase, 'live');
  assert.deepEqual(world.server.document, new Delta().insert('offline edit'));
});

test('A 4401 whose refresh is refused reports signed-out and stops', async () => {
  const { world, server, ann } = await signedInSession();
  server.mode = 'refusing';
  world.server.kill(ann.socket!, 4401);
  await world.deliverAll();
  world.clock.advance(1_000);
  await settle();
  assert.equal(ann.statuses.at(-1), 'signed-out');
  const sockets = ann.sockets.length;
  world.clock.advance(60_000);
  await settle();
  assert.equal(ann.sockets.length, sockets);
});

test('A 4403 close shows access removed and never reconnects', async () => {
  const { world, ann } = await signedInSession();
  world.server.kill(ann.socket!, 4403);
  await world.deliverAll();
  assert.equal(ann.statuses.at(-1), 'forbidden');
  world.clock.advance(120_000);
  await settle();
  assert.equal(ann.sockets.length, 1);
  assert.equal(ann.client.phase, 'idle');
});

test('An error deleted (moved to the trash while open) stops the session as deleted and never reconnects', async () => {
  const { world, ann } = await signedInSession();
  ann.socket!.push({ a: 'error', code: 'deleted', message: 'this document was deleted', doc: 'doc-1' });
  await world.deliverAll();
  assert.equal(ann.statuses.at(-1), 'deleted');
  world.clock.advance(120_000);
  await settle();
  assert.equal(ann.sockets.length, 1);
});

test('An error forbidden (access removed) stops the session like a 4403', async () => {
  const { world, ann } = await signedInSession();
  ann.socket!.push({ a: 'error', code: 'forbidden', message: 'access removed', doc: 'doc-1' });
  await world.deliverAll();
  assert.equal(ann.statuses.at(-1), 'forbidden');
  world.clock.advance(120_000);
  await settle();
  assert.equal(ann.sockets.length, 1);
});
