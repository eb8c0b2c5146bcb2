'use strict';
// merge.js and bench-table.js on hand-made results: what the table of ./bench.sh reports is what
// the runs measured. Run: node --test tests/loadgen/
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');

const lat = (p50, p95, p99, n = 100) => ({ n, p50, p95, p99, max: p99 + 1, mean: p50 });
function result({ server = 'akkacollab', label = 'S1', docs = 10, offered = 60, acked = 60, p99 = 5, div = 0, lg = 10 } = {}) {
  return {
    label, server, rep: 1, params: { docs, clientsPerDoc: 3, connections: docs * 3, ratePerClient: 2 },
    offeredOpsPerSec: offered, submittedOpsPerSec: offered, ackedOpsPerSec: acked, ackedOverOffered: acked / offered,
    measuredOpsAcked: 100, measuredOpsSubmitted: 100, totals: { submitted: 100, acked: 100, errors: 0, remoteRecv: 200 },
    ackLatencyMs: lat(1, 2, p99), fanoutLatencyMs: lat(1, 2, p99 + 1), fanoutSamplesExpected: 200,
    cpuPctDuringWindow: { serverPct: 40, postgresPct: 20, loadgenPct: lg, machineBusyPct: 50, othersPct: 30 },
    serverRssKbAtStop: 100 * 1024, serverPeakRssKb: 200 * 1024, loadgen: { eventLoopDelayP99Ms: 3, eventLoopDelayMaxMs: 9, maxScheduleLateMs: 1 },
    drain: { ms: 10, unsettledClients: 0, docsWithLaggingClients: 0 },
    convergence: { docs, divergentDocs: div, clientMismatches: 0, versionMismatches: 0, samples: [], avgDocChars: 70 },
    errorSamples: [], timeline: [[1, 1, 2]], mem: { rssBeforeKb: 150 * 1024, rssAfterKb: 160 * 1024, hwmKb: 200 * 1024 },
  };
}
function folder(results) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-table-'));
  results.forEach((r, i) => fs.writeFileSync(path.join(dir, `${r.server}-${r.label}-${i}_r1.json`), JSON.stringify(r)));
  return dir;
}
const cells = (table, metricStart, scenarioStart) => table.split('\n')
  .find((l) => l.includes(`| ${metricStart}`) && (!scenarioStart || l.startsWith(`| ${scenarioStart}`))).split('|').map((c) => c.trim());

test('Merged processes add their rates and keep the worst percentile', () => {
  const dir = folder([]);
  const a = path.join(dir, 'a.json'), b = path.join(dir, 'b.json'), out = path.join(dir, 'm.json');
  fs.writeFileSync(a, JSON.stringify(result({ docs: 10, offered: 60, acked: 60, p99: 5, lg: 30 })));
  fs.writeFileSync(b, JSON.stringify(result({ docs: 5, offered: 30, acked: 27, p99: 9, div: 1, lg: 50 })));
  execFileSync('node', [path.join(__dirname, 'merge.js'), out, a, b]);
  const m = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.strictEqual(m.offeredOpsPerSec, 90);
  assert.strictEqual(m.ackedOpsPerSec, 87);
  assert.strictEqual(m.ackedOverOffered, 0.967);
  assert.strictEqual(m.ackLatencyMs.p99, 9);
  assert.strictEqual(m.ackLatencyMs.n, 200);
  assert.strictEqual(m.convergence.divergentDocs, 1);
  assert.strictEqual(m.params.docs, 15);
  assert.strictEqual(m.cpuPctDuringWindow.loadgenPct, 80);
  assert.deepStrictEqual(m.cpuPctDuringWindow.loadgenPctPerProcess, [30, 50]);
  assert.strictEqual(m.cpuPctDuringWindow.serverPct, 40);
});

test('The ladder row shows the highest passing step and the first failing step above it', () => {
  const dir = folder([
    result({ label: 'S1' }), result({ label: 'S1', server: 'sharedb', p99: 10 }),
    result({ label: 'S2-900', offered: 900, acked: 900, p99: 20 }),
    result({ label: 'S2-1800', offered: 1800, acked: 1790, p99: 80 }),
    result({ label: 'S2-3600', offered: 3600, acked: 2000, p99: 900 }),
    result({ label: 'S2-900', server: 'sharedb', offered: 900, acked: 880, p99: 300 }),
    result({ label: 'S2-1800', server: 'sharedb', offered: 1800, acked: 600, p99: 30000 }),
  ]);
  const r = spawnSync('node', [path.join(__dirname, 'bench-table.js'), dir], { encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  const best = cells(r.stdout, 'max sustained');
  assert.deepStrictEqual(best.slice(3, 7), ['1,790', '880', '2.03×', 'AkkaCollab']);
  const fail = cells(r.stdout, 'first failing step');
  assert.deepStrictEqual(fail.slice(3, 5), ['3,600 / 2,000', '1,800 / 600']);
  const s1 = cells(r.stdout, 'ack p50', 'S1');
  assert.deepStrictEqual(s1.slice(3, 7), ['1 / 2 / 5', '1 / 2 / 10', '1× / 1× / 0.5×', 'AkkaCollab']);
});

test('A divergent run makes the table command fail', () => {
  const dir = folder([result({ label: 'S1' }), result({ label: 'S1', server: 'sharedb', div: 2 })]);
  const r = spawnSync('node', [path.join(__dirname, 'bench-table.js'), dir], { encoding: 'utf8' });
  assert.strictEqual(r.status, 1);
  assert.deepStrictEqual(cells(r.stdout, 'divergent docs (sum; must be 0)', 'every run').slice(3, 5), ['0', '2']);
});
