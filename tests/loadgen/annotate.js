'use strict';
// Adds the run's context to a result (rep, machine load before the run, our commit, adapter
// mode, and the extra JSON lib.sh measured around it: server kind, memory, idle sockets),
// rewrites it, prints it as one JSON line on stdout (for summary.jsonl) and one human line on stderr.
// Usage: node annotate.js RESULT.json REP LOADCHECK COMMIT [LOADGEN.log] [EXTRA_JSON]
const fs = require('fs');

const [file, rep, loadCheck, commit, logFile, extra] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
r.rep = Number(rep);
r.loadCheck = loadCheck;
r.commit = commit;
Object.assign(r, extra ? JSON.parse(extra) : {});
r.server = r.server || 'akkacollab';
const statsLine = logFile && fs.existsSync(logFile)
  ? fs.readFileSync(logFile, 'utf8').split('\n').find((l) => l.startsWith('ADAPTER_STATS ')) : null;
r.adapterStats = statsLine ? JSON.parse(statsLine.slice('ADAPTER_STATS '.length)) : null;
r.adapterMode = r.server !== 'akkacollab' ? 'sharedb preventCompose'
  : process.env.AKKACOLLAB_COMPOSE === '1' ? 'compose' : 'one-op-per-submit';
fs.writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
console.log(JSON.stringify(r));
const c = r.cpuPctDuringWindow;
const mb = (kb) => (kb ? Math.round(kb / 1024) : 'n/a');
console.error(`${r.server} ${r.label} rep${r.rep}: offered=${r.offeredOpsPerSec} acked=${r.ackedOpsPerSec} `
  + `ack p50/p95/p99=${r.ackLatencyMs.p50}/${r.ackLatencyMs.p95}/${r.ackLatencyMs.p99} `
  + `fan p50/p95/p99=${r.fanoutLatencyMs.p50}/${r.fanoutLatencyMs.p95}/${r.fanoutLatencyMs.p99} `
  + `div=${r.convergence.divergentDocs} errors=${r.totals.errors} adapter=${JSON.stringify(r.adapterStats && { ...r.adapterStats, samples: undefined })} `
  + `cpu%(1 core=100) srv/pg/lg/others=${c.serverPct}/${c.postgresPct}/${c.loadgenPct}/${c.othersPct} machine=${c.machineBusyPct}% `
  + `hwm=${mb(r.serverPeakRssKb)}MB rss before/after=${mb(r.mem && r.mem.rssBeforeKb)}/${mb(r.mem && r.mem.rssAfterKb)}MB load=${r.loadCheck}`);
