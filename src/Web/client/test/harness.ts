// Sessions wired to a SimServer on virtual time, and a pump that delivers until nothing moves.
import { CollabClient, type CollabClientOptions, type Status } from '../src/lib/collab-client.js';
import type { ClientFrame } from '../src/lib/protocol.js';
import { MemoryPendingStore, type PendingStore } from '../src/lib/pending-store.js';
import { SimServer, SimSocket, VirtualClock, seeded, settle } from './sim.js';

export class World {
  readonly clock: VirtualClock;
  readonly server = new SimServer();
  readonly sessions: Session[] = [];

  constructor(seed = 1) {
    this.clock = new VirtualClock(seeded(seed));
  }

  session(name: string, store: PendingStore = new MemoryPendingStore(), online = true, options: Partial<CollabClientOptions> = {}): Session {
    const s = new Session(this, name, store, online, options);
    this.sessions.push(s);
    return s;
  }

  sockets(): SimSocket[] {
    return this.sessions.flatMap((s) => s.sockets.filter((k) => k.up.length > 0 || k.down.length > 0));
  }

  /** Delivers every queued frame, firing no timer. */
  async deliverAll(): Promise<void> {
    for (let busy = this.sockets(); busy.length > 0; busy = this.sockets()) {
      for (const socket of busy) {
        while (socket.up.length > 0) socket.deliverUp();
        while (socket.down.length > 0) socket.deliverDown();
      }
      await settle();
    }
  }

  /** Delivers every frame and fires every timer until nothing is left (bounded). */
  async quiesce(maxRounds = 5000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await settle();
      const busy = this.sockets();
      if (busy.length > 0) {
        for (const socket of busy) {
          while (socket.up.length > 0) socket.deliverUp();
          while (socket.down.length > 0) socket.deliverDown();
        }
        continue;
      }
      if (!this.clock.fireNext()) return;
    }
    throw new Error(`the world did not quiesce within ${maxRounds} rounds`);
  }
}

export class Session {
  readonly sockets: SimSocket[] = [];
  readonly statuses: Status[] = [];
  client: CollabClient;

  constructor(
    private readonly world: World, readonly name: string, readonly store: PendingStore, online: boolean,
    private readonly options: Partial<CollabClientOptions> = {},
  ) {
    this.client = this.create(online);
  }

  get clientId(): string {
    return `of-${this.name}`;
  }

  get socket(): SimSocket | undefined {
    return this.sockets.at(-1);
  }

  /** Reload the page: keep what is stored, lose everything in memory. */
  async reload(online = true): Promise<void> {
    await this.client.whenPersisted();
    this.client.stop();
    this.client = this.create(online);
    await this.client.start();
  }

  private create(online: boolean): CollabClient {
    const client = new CollabClient({
      url: 'ws://sim/ws', doc: this.world.server.doc, clientId: this.clientId, token: () => this.name,
      // No presence heartbeat unless a test asks: quiesce fires timers until none is left.
      store: this.store, clock: this.world.clock, online, log: () => undefined, presenceHeartbeatMs: 0, ...this.options,
      connect: () => {
        const socket = this.world.server.connect();
        this.sockets.push(socket);
        return socket;
      },
    });
    client.on('status', (status) => this.statuses.push(status));
    return client;
  }
}

/** The op frames among what a server received. */
export const ops = (frames: ClientFrame[]) => frames.filter((f): f is Extract<ClientFrame, { a: 'op' }> => f.a === 'op');

/** A world with two sessions, ann and bob, both live on an empty document. */
export async function twoLive(): Promise<{ world: World; ann: Session; bob: Session }> {
  const world = new World();
  const ann = world.session('ann');
  const bob = world.session('bob');
  await ann.client.start();
  await bob.client.start();
  await world.quiesce();
  return { world, ann, bob };
}
