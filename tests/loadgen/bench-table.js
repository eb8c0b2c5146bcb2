'use strict';
// The table of one ./bench.sh run: every scenario, both servers side by side, the ratio
// AkkaCollab ÷ ShareDB and which is better; medians when a scenario ran more than once.
// Usage: node bench-table.js RUNS_DIR [SUMMARY.md]   (the table on stdout; with SUMMARY.md also
// a markdown file with the run's context: time, machine, load, commit, mode)
const fs = require('fs');
const os = require('os');
const path = require('path');

const [dir, mdFile] = process.argv.slice(2);
const runs = fs.readdirSync(dir).filter((f) => /_r\d+\.json$/.test(f)).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
const SERVERS = ['akkacollab', 'sharedb'];
const NAMES = { akkacollab: 'AkkaCollab', sharedb: 'ShareDB 7' };

const med = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const of = (server, label) => runs.filter((r) => r.server === server && r.label === label);
const passes = (r) => r.ackLatencyMs.p99 !== null && r.ackLatencyMs.p99 <= 500 && r.ackedOverOffered >= 0.95;
const fmt = (x) => {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  const d = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return Number(x).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: d });
};
const mb = (kb) => (kb ? kb / 1024 : null);

// A ladder's result for one server: the highest passing step and the first failing one.
function ladder(server, prefix) {
  const steps = runs.filter((r) => r.server === server && r.label.startsWith(prefix + '-'))
    .sort((a, b) => a.offeredOpsPerSec - b.offeredOpsPerSec);
  const pass = steps.filter(passes);
  const best = pass.length ? pass[pass.length - 1] : null;
  const fail = steps.find((r) => !passes(r) && (!best || r.offeredOpsPerSec > best.offeredOpsPerSec)) || null;
  return { steps, best, fail };
}

const rows = [];
// values: per server a number or an array of numbers; lower: true when lower is better (null: no
// verdict and no ratio); judge: the index of the figure the verdict is about (default the last).
function row(scenario, metric, values, lower = true, judge = -1) {
  const a = values.akkacollab, s = values.sharedb;
  const arr = (v) => (Array.isArray(v) ? v : [v]);
  const show = (v) => arr(v).map(fmt).join(' / ');
  const ratios = arr(a).map((x, i) => (x !== null && x !== undefined && arr(s)[i] ? x / arr(s)[i] : null));
  let better = '';
  if (lower !== null && ratios.every((x) => x !== null)) {
    const r = ratios[judge < 0 ? ratios.length + judge : judge];
    better = Math.abs(r - 1) < 0.05 ? 'even' : (r < 1) === lower ? NAMES.akkacollab : NAMES.sharedb;
  }
  rows.push([scenario, metric, show(a), show(s), lower === null ? '' : ratios.every((x) => x === null) ? 'n/a' : ratios.map((x) => (x === null ? 'n/a' : fmt(x) + '×')).join(' / '), better]);
}
const both = (f) => Object.fromEntries(SERVERS.map((sv) => [sv, f(sv)]));
const m = (sv, label, g) => med(of(sv, label).map(g));
const lat3 = (k) => (r) => [r[k].p50, r[k].p95, r[k].p99];
const m3 = (sv, label, g) => { const rs = of(sv, label); return rs.length ? [0, 1, 2].map((i) => med(rs.map((r) => g(r)[i]))) : [null, null, null]; };

// The figures every scenario reports about the servers and the load generator.
function common(scenario, pick) {
  row(scenario, 'server CPU % of one core / PostgreSQL CPU %', both((sv) => { const rs = pick(sv); return [med(rs.map((r) => r.cpuPctDuringWindow.serverPct)), med(rs.map((r) => r.cpuPctDuringWindow.postgresPct))]; }), true, 0);
  row(scenario, 'server RSS before / peak / after the load MB', both((sv) => {
    const rs = pick(sv);
    return [med(rs.map((r) => mb(r.mem && r.mem.rssBeforeKb))), med(rs.map((r) => mb(r.serverPeakRssKb))), med(rs.map((r) => mb(r.mem && r.mem.rssAfterKb)))];
  }));
  row(scenario, 'divergent docs (sum; must be 0) / client errors / clients unsettled after the drain', both((sv) => {
    const rs = pick(sv);
    const total = (g) => rs.reduce((x, r) => x + (g(r) || 0), 0);
    return rs.length ? [total((r) => r.convergence.divergentDocs), total((r) => r.totals.errors), total((r) => r.drain && r.drain.unsettledClients)] : [null, null, null];
  }), null);
  row(scenario, 'load generator CPU % (max) / others CPU %', both((sv) => { const rs = pick(sv); return rs.length ? [Math.max(...rs.map((r) => r.cpuPctDuringWindow.loadgenPct)), med(rs.map((r) => r.cpuPctDuringWindow.othersPct))] : [null, null]; }), null);
}

for (const [label, what] of [['S1', 'S1 100 docs × 3 clients × 2 ops/s'], ['S3', 'S3 1 doc × 20 clients × 5 ops/s']]) {
  const p = (of('akkacollab', label)[0] || of('sharedb', label)[0] || {}).params;
  const name = p ? `${label} ${p.docs} doc${p.docs === 1 ? '' : 's'} × ${p.clientsPerDoc} clients × ${p.ratePerClient} ops/s` : what;
  row(name, 'acked ops/s', both((sv) => m(sv, label, (r) => r.ackedOpsPerSec)), false);
  row(name, 'ack p50 / p95 / p99 ms', both((sv) => m3(sv, label, lat3('ackLatencyMs'))));
  row(name, 'fan-out p50 / p95 / p99 ms', both((sv) => m3(sv, label, lat3('fanoutLatencyMs'))));
  common(name, (sv) => of(sv, label));
}

{
  // S1 three times on one server process: memory after each load against before the first.
  const r0 = of('akkacollab', 'S1x3')[0] || of('sharedb', 'S1x3')[0];
  if (r0) {
    const n = `S1 ${r0.repeated.runs} times in one server process (${r0.params.docs} docs × ${r0.params.clientsPerDoc} clients × ${r0.params.ratePerClient} ops/s)`;
    const rep = (sv) => of(sv, 'S1x3')[0];
    row(n, 'RSS before the first load / after each load MB', both((sv) => (rep(sv) ? [mb(rep(sv).mem.rssBeforeKb), ...rep(sv).repeated.rssAfterKb.map(mb)] : [null])));
    row(n, 'RSS after the last load ÷ before the first (target ≤ 1.2)', both((sv) => (rep(sv) ? rep(sv).repeated.rssAfterKb.at(-1) / rep(sv).mem.rssBeforeKb : null)));
    row(n, 'the last load: ack p50 / p95 / p99 ms', both((sv) => (rep(sv) ? lat3('ackLatencyMs')(rep(sv)) : [null, null, null])));
    common(n, (sv) => of(sv, 'S1x3'));
  }
}

for (const [prefix, name] of [['S2', 'S2 ladder (many docs)'], ['S3hot', 'S3-hot ladder (one doc)']]) {
  const l = both((sv) => ladder(sv, prefix));
  const sample = (l.akkacollab.steps[0] || l.sharedb.steps[0] || {}).params;
  const shape = sample ? (prefix === 'S2' ? ` ${sample.docs}×${sample.clientsPerDoc}` : ' 1 doc') : '';
  const n = `${name}${shape}; pass = ack p99 ≤ 500 ms, ≥ 95 % acked`;
  row(n, 'max sustained ops/s (highest passing step)', both((sv) => (l[sv].best ? l[sv].best.ackedOpsPerSec : null)), false);
  row(n, 'at it: clients / ack p50 / p99 ms', both((sv) => (l[sv].best ? [l[sv].best.params.connections, l[sv].best.ackLatencyMs.p50, l[sv].best.ackLatencyMs.p99] : [null, null, null])));
  row(n, 'first failing step: offered / acked ops/s', both((sv) => (l[sv].fail ? [l[sv].fail.offeredOpsPerSec, l[sv].fail.ackedOpsPerSec] : [null, null])), false);
  row(n, 'steps run (pass/fail)', both((sv) => [l[sv].steps.filter(passes).length, l[sv].steps.filter((r) => !passes(r)).length]), null);
  common(n, (sv) => l[sv].steps);
}

{
  const n = 'S4 trace replay, 1 client, next op on ack';
  const t = (of('akkacollab', 'S4')[0] || of('sharedb', 'S4')[0] || {}).params;
  const name = t ? `S4 ${t.trace} (${t.traceOps.toLocaleString('en-US')} ops), 1 client, next op on ack` : n;
  row(name, 'acked ops/s', both((sv) => m(sv, 'S4', (r) => r.ackedOpsPerSec)), false);
  row(name, 'ack p50 / p95 / p99 ms', both((sv) => m3(sv, 'S4', lat3('ackLatencyMs'))));
  row(name, 'ops replayed / whole trace matches the final text (1 = yes)', both((sv) => { const r = of(sv, 'S4')[0]; return r ? [r.opsReplayed, r.convergence.matchesFinalText === null ? null : +r.convergence.matchesFinalText] : [null, null]; }), null);
  common(name, (sv) => of(sv, 'S4'));
}

{
  const r0 = of('akkacollab', 'S5')[0] || of('sharedb', 'S5')[0];
  const name = r0 ? `S5 ${r0.idle.sockets.toLocaleString('en-US')} idle sockets + ${r0.params.connections} active clients` : 'S5 idle sockets + active clients';
  row(name, 'server memory per idle socket KB', both((sv) => m(sv, 'S5', (r) => (r.idle.rssWithIdleKb - r.mem.rssBeforeKb) / r.idle.sockets)));
  row(name, 'active: acked ops/s', both((sv) => m(sv, 'S5', (r) => r.ackedOpsPerSec)), false);
  row(name, 'active: ack p50 / p95 / p99 ms', both((sv) => m3(sv, 'S5', lat3('ackLatencyMs'))));
  row(name, 'RSS with the idle sockets MB', both((sv) => m(sv, 'S5', (r) => mb(r.idle.rssWithIdleKb))));
  common(name, (sv) => of(sv, 'S5'));
}

{
  // S6 (ours only): the step with the most acked ops/s; its p99 shows whether that rate was sustained.
  const steps = runs.filter((r) => r.server === 'akkacollab' && r.label.startsWith('S6-'))
    .sort((a, b) => a.params.writers * a.params.lanes - b.params.writers * b.params.lanes);
  const best = steps.length ? steps.reduce((a, b) => (b.ackedOpsPerSec > a.ackedOpsPerSec ? b : a)) : null;
  const n = 'S6 one hot document, writers keeping no text (ours only: protocol v1 clients)';
  const pick = (sv) => (sv === 'akkacollab' && best ? [best] : []);
  if (steps.length) {
    row(n, 'most durable acked ops/s (best step)', both((sv) => (pick(sv)[0] ? pick(sv)[0].ackedOpsPerSec : null)), false);
    row(n, 'at it: sockets / ops in flight / ack p50 / p99 ms', both((sv) => (pick(sv)[0] ? [best.params.writers, best.params.writers * best.params.lanes, best.ackLatencyMs.p50, best.ackLatencyMs.p99] : [null, null, null, null])), null);
    row(n, `steps run (sockets × lanes: ${steps.map((r) => `${r.params.writers}×${r.params.lanes}`).join(', ')}): acked ops/s`, both((sv) => (sv === 'akkacollab' ? steps.map((r) => r.ackedOpsPerSec) : [null])), null);
    common(n, pick);
  }
}

row('every run', 'divergent docs (sum; must be 0)', both((sv) => runs.filter((r) => r.server === sv).reduce((x, r) => x + r.convergence.divergentDocs, 0)), null);
row('every run', 'load generator CPU % per process (max) / event-loop delay p99 ms (max)', both((sv) => {
  const rs = runs.filter((r) => r.server === sv);
  const per = rs.flatMap((r) => r.cpuPctDuringWindow.loadgenPctPerProcess || [r.cpuPctDuringWindow.loadgenPct]);
  return rs.length ? [Math.max(...per), Math.max(...rs.map((r) => (r.loadgen ? r.loadgen.eventLoopDelayP99Ms : 0)))] : [null, null];
}), null);

const header = `| scenario | metric | ${NAMES.akkacollab} | ${NAMES.sharedb} | ${NAMES.akkacollab} ÷ ${NAMES.sharedb} | better |`;
const table = [header, '|---|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
console.log(table);
const divergent = runs.reduce((x, r) => x + r.convergence.divergentDocs, 0);
if (mdFile) {
  const loads = runs.map((r) => r.loadCheck).filter(Boolean).map((l) => Number((l.match(/load1=([\d.]+)/) || [])[1])).filter((x) => !Number.isNaN(x));
  const others = runs.map((r) => r.cpuPctDuringWindow.othersPct).filter((x) => x !== null && x !== undefined);
  const ctx = [
    `# Benchmark: AkkaCollab vs ShareDB 7 (./bench.sh)`, '',
    `- finished: ${new Date().toISOString()}; mode: ${process.env.QUICK === '1' ? '**QUICK smoke run (short, small: not a measurement)**' : 'full'}`,
    `- machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}`,
    `- commit: ${(runs[0] || {}).commit || 'unknown'}; runs: ${runs.length}; divergent docs over every run: ${divergent}`,
    ...(process.env.BENCH_CONTEXT ? [`- ${process.env.BENCH_CONTEXT}`] : []),
    `- load1 before the runs: ${loads.length ? `${Math.min(...loads)}–${Math.max(...loads)}` : 'n/a'}; CPU of other processes during the measured windows (% of one core): median ${fmt(med(others))}, max ${fmt(others.length ? Math.max(...others) : null)}`,
    `- ratio = AkkaCollab ÷ ShareDB (for "a / b / c" cells, per figure); "better" judges the last figure of a row (the server's in the CPU rows).`,
    '', table, '',
  ];
  fs.mkdirSync(path.dirname(mdFile), { recursive: true });
  fs.writeFileSync(mdFile, ctx.join('\n'));
}
process.exitCode = divergent === 0 ? 0 : 1;
