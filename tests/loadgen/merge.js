'use strict';
// Merges the results of several load generator processes of one run (lib.sh's LG_PROCS) into one
// result of the same shape. Counts and rates add up; CPU of the server and PostgreSQL is the mean
// of what each process sampled over the same window, the load generators' CPU is their sum.
// Latency percentiles: each process keeps only its own, so a merged percentile is the largest of
// them (an upper bound, never flattering); `merged.latency` says so.
// Usage: node merge.js OUT.json PART.json [PART.json ...]
const fs = require('fs');

const [outFile, ...parts] = process.argv.slice(2);
const rs = parts.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
if (!rs.length) { console.error('merge.js: no parts'); process.exit(2); }
if (rs.length === 1) { fs.writeFileSync(outFile, JSON.stringify(rs[0], null, 2) + '\n'); process.exit(0); }

const sum = (g) => rs.reduce((a, r) => a + (g(r) || 0), 0);
const max = (g) => { const xs = rs.map(g).filter((x) => x !== null && x !== undefined); return xs.length ? Math.max(...xs) : null; };
const mean = (g) => sum(g) / rs.length;
const r1 = (x) => +x.toFixed(1);
const lat = (k) => ({
  n: sum((r) => r[k].n), p50: max((r) => r[k].p50), p95: max((r) => r[k].p95), p99: max((r) => r[k].p99), max: max((r) => r[k].max),
  mean: sum((r) => r[k].n) ? +(sum((r) => (r[k].mean || 0) * r[k].n) / sum((r) => r[k].n)).toFixed(2) : null,
});

const base = rs[0];
const docs = sum((r) => r.params.docs);
const offered = sum((r) => r.offeredOpsPerSec);
const cpus = require('os').cpus().length;
const server = mean((r) => r.cpuPctDuringWindow.serverPct), pg = mean((r) => r.cpuPctDuringWindow.postgresPct);
const lg = sum((r) => r.cpuPctDuringWindow.loadgenPct), machine = mean((r) => r.cpuPctDuringWindow.machineBusyPct);
const merged = {
  ...base,
  params: { ...base.params, docs, connections: sum((r) => r.params.connections) },
  setupMs: max((r) => r.setupMs),
  offeredOpsPerSec: offered,
  submittedOpsPerSec: r1(sum((r) => r.submittedOpsPerSec)),
  ackedOpsPerSec: r1(sum((r) => r.ackedOpsPerSec)),
  ackedOverOffered: +(sum((r) => r.ackedOpsPerSec) / offered).toFixed(3),
  measuredOpsAcked: sum((r) => r.measuredOpsAcked), measuredOpsSubmitted: sum((r) => r.measuredOpsSubmitted),
  totals: Object.fromEntries(Object.keys(base.totals).map((k) => [k, sum((r) => r.totals[k])])),
  ackLatencyMs: lat('ackLatencyMs'),
  fanoutLatencyMs: lat('fanoutLatencyMs'),
  fanoutSamplesExpected: sum((r) => r.fanoutSamplesExpected),
  cpuPctDuringWindow: {
    serverPct: r1(server), postgresPct: r1(pg), loadgenPct: r1(lg), machineBusyPct: r1(machine),
    othersPct: r1(Math.max(0, machine * cpus - server - pg - lg)),
    loadgenPctPerProcess: rs.map((r) => r.cpuPctDuringWindow.loadgenPct),
  },
  serverRssKbAtStop: max((r) => r.serverRssKbAtStop),
  serverPeakRssKb: max((r) => r.serverPeakRssKb),
  loadgen: {
    eventLoopDelayP99Ms: max((r) => r.loadgen.eventLoopDelayP99Ms), eventLoopDelayMaxMs: max((r) => r.loadgen.eventLoopDelayMaxMs),
    maxScheduleLateMs: max((r) => r.loadgen.maxScheduleLateMs),
  },
  drain: { ms: max((r) => r.drain.ms), unsettledClients: sum((r) => r.drain.unsettledClients), docsWithLaggingClients: sum((r) => r.drain.docsWithLaggingClients) },
  convergence: {
    docs, divergentDocs: sum((r) => r.convergence.divergentDocs), clientMismatches: sum((r) => r.convergence.clientMismatches),
    versionMismatches: sum((r) => r.convergence.versionMismatches), samples: rs.flatMap((r) => r.convergence.samples).slice(0, 3),
    avgDocChars: Math.round(sum((r) => r.convergence.avgDocChars * r.params.docs) / docs),
  },
  errorSamples: rs.flatMap((r) => r.errorSamples).slice(0, 5),
  timeline: base.timeline.map((_, i) => [sum((r) => (r.timeline[i] || [])[0]), sum((r) => (r.timeline[i] || [])[1]), max((r) => (r.timeline[i] || [])[2])]),
  merged: { processes: rs.length, latency: 'largest per-process percentile (upper bound)' },
};
fs.writeFileSync(outFile, JSON.stringify(merged, null, 2) + '\n');
