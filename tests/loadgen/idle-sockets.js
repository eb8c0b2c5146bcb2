'use strict';
// S5's idle half: --sockets connections to either server (any adapter of the anchor's
// interface), each signed in and subscribed to one of --docs documents (an open, idle editor),
// then held without a single op until SIGTERM or --max-seconds. Prints
// "IDLE_READY {sockets, docs, connectMs, failed}" once all are open; lib.sh reads the server's
// memory then, and runs the active clients next to these.
// Usage: node idle-sockets.js --adapter PATH --url ws://127.0.0.1:5470 [--sockets 10000] [--docs 100]
//          [--concurrency 100] [--max-seconds 900]
const path = require('path');
const { performance } = require('perf_hooks');
const { arg } = require('./procstat.js');

const adapter = require(path.resolve(arg('adapter', path.join(__dirname, 'akkacollab-adapter.js'))));
const url = arg('url', 'ws://127.0.0.1:5470');
const sockets = Number(arg('sockets', 10000));
const docs = Math.max(1, Math.min(sockets, Number(arg('docs', 100))));
const concurrency = Number(arg('concurrency', 100));
const maxSeconds = Number(arg('max-seconds', 900));

const clients = [];
const done = () => { for (const c of clients) c.close(); setTimeout(() => process.exit(0), 200); };
process.on('SIGTERM', done);
process.on('SIGINT', done);
setTimeout(() => { console.error(`idle-sockets: --max-seconds ${maxSeconds} reached`); done(); }, maxSeconds * 1000).unref();

async function main() {
  const t0 = performance.now();
  const prefix = `idle-${Date.now().toString(36)}`;
  const docId = (i) => `${prefix}-d${String(i % docs).padStart(4, '0')}`;
  let failed = 0;
  const one = async (i) => {
    try {
      const c = await adapter.connect(url);
      clients.push(c);
      // The first socket of each document creates it; the others only subscribe.
      await c.open(docId(i), { create: i < docs });
    } catch (e) {
      if (++failed <= 5) console.error(`socket ${i}: ${(e && e.message) || e}`);
    }
  };
  for (let i = 0; i < sockets; i += concurrency) {
    const batch = [];
    for (let j = i; j < Math.min(sockets, i + concurrency); j++) batch.push(one(j));
    await Promise.all(batch);
  }
  console.log(`IDLE_READY ${JSON.stringify({ sockets: clients.length, docs, connectMs: Math.round(performance.now() - t0), failed })}`);
}

main().catch((e) => { console.error('idle-sockets failed:', (e && e.stack) || e); process.exit(1); });
