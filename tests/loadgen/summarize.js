'use strict';
// Markdown table of the runs in a folder of load generator results: medians per server and label.
// Usage: node summarize.js artifacts/loadgen/runs
const fs = require('fs');
const path = require('path');

const dir = process.argv[2] || path.resolve(__dirname, '../../artifacts/loadgen/runs');
const runs = fs.readdirSync(dir).filter((f) => /_r\d+\.json$/.test(f))
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));

const med = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f = (x, d = 0) => (x === null || x === undefined ? 'n/a'
  : Number(x).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
const passes = (r) => r.ackLatencyMs.p99 !== null && r.ackLatencyMs.p99 <= 500 && r.ackedOverOffered >= 0.95;

const groups = new Map();
for (const r of runs) {
  const key = `${r.label}|${passes(r) ? 'pass' : 'FAIL'}|${r.server || 'akkacollab'}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(r);
}
const order = (k) => { const [l] = k.split('|'); const n = Number((l.match(/(\d+)$/) || [0, 0])[1]); return [l.replace(/\d+$/, ''), n]; };
const keys = [...groups.keys()].sort((a, b) => {
  const [la, na] = order(a); const [lb, nb] = order(b);
  return la === lb ? na - nb || a.localeCompare(b) : la.localeCompare(lb);
});

console.log('| scenario | server | D×C | offered ops/s | runs | acked ops/s | acked/offered | ack p50 / p95 / p99 ms | fan-out p50 / p95 / p99 ms | divergent docs (sum) | errors (sum) | server CPU % | PG CPU % | loadgen CPU % | others CPU % | server peak RSS MB | load before each run |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const k of keys) {
  const rs = groups.get(k).sort((a, b) => a.rep - b.rep);
  const [label, verdict, server] = k.split('|');
  const m = (g) => med(rs.map(g));
  const p = rs[0].params;
  console.log(`| ${label}${label.startsWith('S2') ? ` (${verdict})` : ''} | ${server} | ${p.docs}×${p.clientsPerDoc} | ${f(rs[0].offeredOpsPerSec)} | ${rs.length} `
    + `| ${f(m((r) => r.ackedOpsPerSec))} | ${f(m((r) => r.ackedOverOffered), 3)} `
    + `| ${f(m((r) => r.ackLatencyMs.p50), 2)} / ${f(m((r) => r.ackLatencyMs.p95), 2)} / ${f(m((r) => r.ackLatencyMs.p99), 2)} `
    + `| ${f(m((r) => r.fanoutLatencyMs.p50), 2)} / ${f(m((r) => r.fanoutLatencyMs.p95), 2)} / ${f(m((r) => r.fanoutLatencyMs.p99), 2)} `
    + `| ${rs.reduce((a, r) => a + r.convergence.divergentDocs, 0)} | ${rs.reduce((a, r) => a + r.totals.errors, 0)} `
    + `| ${f(m((r) => r.cpuPctDuringWindow.serverPct))} | ${f(m((r) => r.cpuPctDuringWindow.postgresPct))} `
    + `| ${f(m((r) => r.cpuPctDuringWindow.loadgenPct))} | ${f(m((r) => r.cpuPctDuringWindow.othersPct))} `
    + `| ${f(m((r) => r.serverPeakRssKb / 1024))} | ${rs.map((r) => (r.loadCheck || '').replace(/ waited=.*/, '')).join('; ')} |`);
}
