'use strict';
// /proc readings and latency summaries for the clients here (trace-replay.js), measured exactly
// as the anchor's load generator measures them, so that their results read the same:
// CPU in % of one core (100 = one core), memory in kB, percentiles by nearest rank.
const fs = require('fs');
const os = require('os');
const { performance } = require('perf_hooks');

const HZ = 100; // USER_HZ on Linux x86_64

function procCpuTicks(pid) {
  try {
    const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return { self: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]), ppid: Number(f[1]) };
  } catch (e) { return null; }
}

// The postmaster (with its reaped children) plus its live children.
function pgCpuTicks(pidfile) {
  let post;
  try { post = Number(fs.readFileSync(pidfile, 'utf8').split('\n')[0]); } catch (e) { return 0; }
  let sum = 0;
  const pm = procCpuTicks(post);
  if (pm) sum += pm.self + pm.children;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const t = procCpuTicks(Number(d));
    if (t && t.ppid === post) sum += t.self;
  }
  return sum;
}

function machineTicks() {
  const l = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: l.slice(0, 8).reduce((a, b) => a + b, 0), idle: l[3] + l[4] };
}

function vm(pid, key) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : null;
  } catch (e) { return null; }
}

function sample(serverPid, pgPidfile) {
  return {
    t: performance.now(),
    server: serverPid ? (procCpuTicks(serverPid) || { self: 0 }).self : null,
    pg: pgCpuTicks(pgPidfile),
    self: process.cpuUsage(),
    machine: machineTicks(),
  };
}

function cpuBetween(a, b) {
  const secs = (b.t - a.t) / 1000;
  const n = os.cpus().length;
  const mt = b.machine.total - a.machine.total;
  const serverPct = a.server != null ? 100 * (b.server - a.server) / HZ / secs : 0;
  const postgresPct = 100 * (b.pg - a.pg) / HZ / secs;
  const loadgenPct = 100 * ((b.self.user - a.self.user) + (b.self.system - a.self.system)) / 1e6 / secs;
  const machineCorePct = mt > 0 ? n * 100 * (mt - (b.machine.idle - a.machine.idle)) / mt : 0;
  const r1 = (x) => +x.toFixed(1);
  return {
    serverPct: a.server != null ? r1(serverPct) : null, postgresPct: r1(postgresPct), loadgenPct: r1(loadgenPct),
    machineBusyPct: r1(machineCorePct / n), othersPct: r1(Math.max(0, machineCorePct - serverPct - postgresPct - loadgenPct)),
  };
}

function pct(sorted, p) {
  if (!sorted.length) return null;
  return +sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))].toFixed(2);
}

function summarize(arr) {
  const s = Float64Array.from(arr).sort();
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s.length ? +s[s.length - 1].toFixed(2) : null,
    mean: s.length ? +(s.reduce((x, y) => x + y, 0) / s.length).toFixed(2) : null };
}

// The text of a document from an adapter's contents() (JSON of its delta ops).
function textOf(contents) {
  const ops = JSON.parse(contents) || [];
  return ops.map((o) => (typeof o.insert === 'string' ? o.insert : '')).join('');
}

function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 ? process.argv[i + 1] : def;
}

module.exports = { sample, cpuBetween, vm, summarize, textOf, arg };
