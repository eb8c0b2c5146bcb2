'use strict';
// S4: a real editing trace (/work/shared/traces/sequential, one Quill delta per line) replayed
// through ONE client of either server (any adapter of the anchor's interface), each op submitted
// in the ack callback of the one before: as fast as durable acks allow. Stops after --max-ops ops
// (0 = the whole trace) or --warmup + --seconds s, whichever comes first; latency, ops/s and CPU
// count only after the --warmup s (as in the load generator). Then the server's copy (a fresh
// fetch) must equal the client's, and, for a whole trace, the trace's final text.
// Usage: node trace-replay.js --adapter PATH --url ws://127.0.0.1:5470 --trace DIR/NAME
//          [--seconds 60] [--warmup 5] [--max-ops 0] [--drain 60] [--server-pid N] [--pg-pidfile F] [--label S4] [--out F]
// Prints the result JSON (the load generator's shape, so annotate.js and the table read it).
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { performance } = require('perf_hooks');
const { sample, cpuBetween, vm, summarize, textOf, arg } = require('./procstat.js');

const opt = {
  adapter: path.resolve(arg('adapter', path.join(__dirname, 'akkacollab-adapter.js'))),
  url: arg('url', 'ws://127.0.0.1:5470'),
  trace: arg('trace', '/work/shared/traces/sequential/automerge-paper'),
  seconds: Number(arg('seconds', 60)),
  warmup: Number(arg('warmup', 5)),
  maxOps: Number(arg('max-ops', 0)),
  drain: Number(arg('drain', 60)),
  serverPid: arg('server-pid', null) ? Number(arg('server-pid')) : null,
  pgPidfile: arg('pg-pidfile', '/tmp/pg-anchor/postmaster.pid'),
  label: arg('label', 'S4'),
  out: arg('out', null),
};
const adapter = require(opt.adapter);
const HARD_LIMIT_S = opt.warmup + opt.seconds + opt.drain + 90;
setTimeout(() => { console.error(`watchdog: exceeded ${HARD_LIMIT_S}s, exiting`); process.exit(3); }, HARD_LIMIT_S * 1000).unref();

function withTimeout(p, ms, what) {
  let t;
  return Promise.race([p, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(t));
}

async function main() {
  const lines = zlib.gunzipSync(fs.readFileSync(`${opt.trace}.deltas.jsonl.gz`)).toString('utf8').split('\n').filter(Boolean);
  const ops = (opt.maxOps > 0 ? lines.slice(0, opt.maxOps) : lines).map((l) => JSON.parse(l));
  const client = await adapter.connect(opt.url);
  const docId = `trace-${path.basename(opt.trace)}-${Date.now().toString(36)}`;
  // Quill documents end with a newline; every trace position stays before it.
  const h = await client.open(docId, { create: true, initialText: '\n' });
  const base = h.version();

  const lat = [];
  let errors = 0, i = 0, s0 = null;
  const errSamples = [];
  const tWarm = performance.now() + opt.warmup * 1000;
  const tStop = tWarm + opt.seconds * 1000;
  await new Promise((resolve) => {
    const next = () => {
      const now = performance.now();
      if (i >= ops.length || now >= tStop) return resolve();
      if (!s0 && now >= tWarm) s0 = sample(opt.serverPid, opt.pgPidfile);
      const measured = s0 !== null;
      const t0 = performance.now();
      h.submit(ops[i++], (err) => {
        if (err) { errors++; if (errSamples.length < 5) errSamples.push(String(err.message || err)); }
        else if (measured) lat.push(performance.now() - t0);
        // Not recursion on the stack: the next op goes out from the event loop.
        setImmediate(next);
      });
    };
    next();
  });
  const s1 = sample(opt.serverPid, opt.pgPidfile);
  if (!s0) s0 = s1; // the trace ended within the warm-up: nothing measured
  const settled = await h.settle(opt.drain * 1000);
  const secs = Math.max(0.001, (s1.t - s0.t) / 1000);

  const fresh = (await withTimeout(adapter.fetchFresh(opt.url, [docId]), opt.drain * 1000, 'fetchFresh')).get(docId);
  const whole = i === lines.length;
  const local = textOf(h.contents());
  const expected = whole ? zlib.gunzipSync(fs.readFileSync(`${opt.trace}.final.txt.gz`)).toString('utf8') + '\n' : local;
  const serverText = textOf(fresh.contents);
  const divergent = serverText !== local || serverText !== expected || fresh.version !== h.version() ? 1 : 0;
  const none = { n: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const result = {
    label: opt.label, adapter: adapter.name, url: opt.url,
    params: { docs: 1, clientsPerDoc: 1, connections: 1, trace: path.basename(opt.trace), traceOps: lines.length, maxOps: opt.maxOps, seconds: opt.seconds, warmupS: opt.warmup },
    loadavgBefore: fs.readFileSync('/proc/loadavg', 'utf8').trim(),
    offeredOpsPerSec: null,
    ackedOpsPerSec: +(lat.length / secs).toFixed(1),
    ackedOverOffered: null,
    opsReplayed: i, opsMeasured: lat.length, wholeTrace: whole, measuredSeconds: +secs.toFixed(1),
    totals: { submitted: i, acked: lat.length, errors, remoteRecv: 0 },
    ackLatencyMs: summarize(lat),
    fanoutLatencyMs: none,
    cpuPctDuringWindow: cpuBetween(s0, s1),
    serverPeakRssKb: opt.serverPid ? vm(opt.serverPid, 'VmHWM') : null,
    drain: { settled, unsettledClients: settled ? 0 : 1 },
    convergence: {
      docs: 1, divergentDocs: divergent, serverVersion: fresh.version, clientVersion: h.version(), baseVersion: base,
      textChars: serverText.length, expectedChars: expected.length, matchesFinalText: whole ? serverText === expected : null,
    },
    errorSamples: errSamples,
    finishedAt: new Date().toISOString(),
  };
  if (opt.out) fs.writeFileSync(opt.out, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result));
  client.close();
  setTimeout(() => process.exit(0), 200);
}

main().catch((e) => { console.error('trace-replay failed:', (e && e.stack) || e); process.exit(1); });
