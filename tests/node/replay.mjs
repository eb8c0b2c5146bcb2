// Replays sequential editing traces with quill-delta (the reference the browsers run):
// doc = doc.compose(op) per line, then checks the final text. The .NET bench
// (tests/AkkaCollab.Bench, command `replay`) runs this and prints the ratio.
//
// usage: node replay.mjs --dir <traces/sequential> [--trace NAME]... [--iterations N]
// prints one JSON object per trace on stdout:
//   {"trace","ops","iterations","medianMs","opsPerSecond","medianCpuMs","opsPerCpuSecond","finalTextOk"}
// Timing: every line is parsed up front; only the compose loop is timed; the median of
// the iterations is reported (after untimed warm-up passes for at least a second), in wall-clock time and in
// process CPU time (all threads, so V8's helper threads count), which stays meaningful when
// other processes compete for the cores.
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import Delta from 'quill-delta';

function parseArgs(argv) {
  const args = { dir: null, traces: [], iterations: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dir') args.dir = argv[++i];
    else if (a === '--trace') args.traces.push(argv[++i]);
    else if (a === '--iterations') args.iterations = Number(argv[++i]);
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!args.dir) throw new Error('--dir <traces/sequential> is required');
  if (!Number.isInteger(args.iterations) || args.iterations < 1) throw new Error('--iterations must be a positive integer');
  return args;
}

function loadTrace(dir, name) {
  const lines = gunzipSync(readFileSync(join(dir, `${name}.deltas.jsonl.gz`))).toString('utf8').split('\n');
  const ops = lines.filter((l) => l.length > 0).map((l) => new Delta(JSON.parse(l)));
  const finalText = gunzipSync(readFileSync(join(dir, `${name}.final.txt.gz`))).toString('utf8');
  return { ops, finalText };
}

function replay(ops) {
  let doc = new Delta();
  for (let i = 0; i < ops.length; i++) doc = doc.compose(ops[i]);
  return doc;
}

function text(doc) {
  return doc.ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

const args = parseArgs(process.argv.slice(2));
const names = args.traces.length > 0
  ? args.traces
  : readdirSync(args.dir).filter((f) => f.endsWith('.deltas.jsonl.gz')).map((f) => f.slice(0, -'.deltas.jsonl.gz'.length)).sort();

for (const name of names) {
  const { ops, finalText } = loadTrace(args.dir, name);
  const finalTextOk = text(replay(ops)) === finalText;
  // Warm up for at least a second, like the .NET side, so both run optimized code.
  for (const warmStart = Date.now(); Date.now() - warmStart < 1000;) replay(ops);
  const times = [];
  const cpuTimes = [];
  for (let i = 0; i < args.iterations; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    replay(ops);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1e3);
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const medianMs = median(times);
  const medianCpuMs = median(cpuTimes);
  console.log(JSON.stringify({
    trace: name,
    ops: ops.length,
    iterations: args.iterations,
    medianMs: Math.round(medianMs * 1000) / 1000,
    opsPerSecond: Math.round(ops.length / (medianMs / 1000)),
    medianCpuMs: Math.round(medianCpuMs * 1000) / 1000,
    opsPerCpuSecond: Math.round(ops.length / (medianCpuMs / 1000)),
    finalTextOk,
  }));
  if (!finalTextOk) process.exitCode = 1;
}
