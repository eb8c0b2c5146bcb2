// Differential cases for the C# Delta: random inputs from a seeded PRNG, with the results
// quill-delta 5.1.0 (the implementation the browsers run) computes for them.
//
//   node differential.mjs --seed S --count N [--out file] [--lone-surrogates avoid|allow]
//
// Writes one JSON object per line: {"kind":..., <inputs>..., "result":...}. Deltas are in
// Quill's wire shape {"ops":[...]}; a slice "end" of null means quill's default (Infinity).
// The same seed always yields the same lines. The seed and the counts per kind go to stderr.
//
// Lone surrogates: quill-delta counts UTF-16 code units, so a retain or slice that ends inside
// an emoji splits its surrogate pair, and JSON carries the halves as "\ud83d" escapes (which
// System.Text.Json's own reader refuses). "allow" (the default) keeps such cases; "avoid" draws
// a case again when its inputs or result hold a lone surrogate.
// A case on which quill-delta throws is drawn again: fast-diff (quill's diff) recurses without
// end on some documents holding a lone surrogate ("Maximum call stack size exceeded").
import { writeFileSync } from 'node:fs';
import Delta from 'quill-delta';

const KINDS = ['compose', 'transform', 'transformPosition', 'invert', 'diff', 'slice', 'concat',
  'chop', 'length', 'push', 'json'];

function parseArgs(argv) {
  const args = { seed: undefined, count: 1000, out: undefined, loneSurrogates: 'allow' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) fail(`${flag}: missing value`);
    if (flag === '--seed') args.seed = parseUint32(flag, value);
    else if (flag === '--count') args.count = parseUint32(flag, value);
    else if (flag === '--out') args.out = value;
    else if (flag === '--lone-surrogates' && (value === 'avoid' || value === 'allow')) args.loneSurrogates = value;
    else fail(`unknown argument ${flag} ${value}`);
  }
  if (args.seed === undefined) args.seed = Math.floor(Math.random() * 2 ** 32) >>> 0;
  return args;
}

function parseUint32(flag, value) {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) fail(`${flag}: expected an integer 0..4294967295, got ${value}`);
  return Number(value);
}

function fail(message) {
  process.stderr.write(`differential.mjs: ${message}\n`);
  process.exit(2);
}

// mulberry32: tiny, fast, and fully determined by the 32-bit seed.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(seed) { this.next = mulberry32(seed); }
  int(n) { return Math.floor(this.next() * n); } // 0..n-1
  range(lo, hi) { return lo + this.int(hi - lo + 1); } // lo..hi inclusive
  chance(p) { return this.next() < p; }
  pick(items) { return items[this.int(items.length)]; }
  shuffle(items) {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

// Text pieces: mostly ASCII (so diffs find common runs), plus newlines, JSON-escaped characters,
// BMP non-ASCII, combining marks and astral characters (surrogate pairs, 2 code units each).
const PIECES = [
  ...'abcdefghij', ...'abcde', ' ', ' ', '\n', '\n', '\t', '"', '\\', '<b>',
  'é', 'ß', '中文', '\u0301', '😀', '👍🏽', '𝒳', '🇫🇷',
];

// Attribute values of several JSON types, from small pools so that equal values meet often.
const FORMATS = {
  bold: [true, false],
  italic: [true],
  underline: [true],
  color: ['#ff0000', '#00ff00', 'red'],
  background: ['yellow'],
  link: ['https://example.com', 'https://quilljs.com/docs/delta'],
  header: [1, 2, 3],
  list: ['ordered', 'bullet', 'checked'],
  indent: [1, 2],
  size: ['small', 'large', 1.5],
  align: ['center', 'right'],
  code: ['1', 1], // a string and a number with the same digits must not compare equal
  meta: [{ id: 1, tags: ['x', 'y'] }, { tags: ['x', 'y'], id: 1 }, { id: 2 }, [1, 'two', true, null]],
};
const FORMAT_NAMES = Object.keys(FORMATS);
// Half of the cases draw from only three formats, so that concurrent and inverse changes often
// touch the same format (where priority and the equality rules decide); set per case.
let formatNames = FORMAT_NAMES;

const EMBEDS = [
  () => ({ image: 'https://example.com/a.png' }),
  () => ({ image: 'https://example.com/b.png' }),
  () => ({ formula: 'e=mc^2' }),
  () => ({ video: 'https://example.com/v.mp4' }),
];

function text(g, maxUnits) {
  const target = g.range(1, maxUnits);
  let s = '';
  while (s.length < target) s += g.pick(PIECES);
  return s;
}

const embed = (g) => g.pick(EMBEDS)();

/** A random attribute map in random key order, or undefined. nullRate: chance of a removal. */
function attributes(g, presence, nullRate) {
  if (!g.chance(presence)) return undefined;
  const attrs = {};
  for (const name of g.shuffle(formatNames).slice(0, g.range(1, 3))) {
    attrs[name] = g.chance(nullRate) ? null : structuredClone(g.pick(FORMATS[name]));
  }
  return attrs;
}

function insertInto(g, delta, { maxUnits = 8, nullRate = 0 } = {}) {
  const attrs = attributes(g, 0.45, nullRate);
  return g.chance(0.2) ? delta.insert(embed(g), attrs) : delta.insert(text(g, maxUnits), attrs);
}

/** A document: inserts only, never a null attribute; Quill documents usually end with "\n". */
function documentDelta(g) {
  const d = new Delta();
  const ops = g.chance(0.05) ? 0 : g.range(1, 6);
  for (let i = 0; i < ops; i++) insertInto(g, d, { maxUnits: 12 });
  if (g.chance(0.5)) d.insert('\n', attributes(g, 0.3, 0));
  return d;
}

/** The attribute maps of a delta's ops: a palette for a related change. */
const paletteOf = (d) => d.ops.filter((op) => op.attributes).map((op) => op.attributes);

/**
 * A change that applies to a document of the given length (retain + delete <= length). Half of
 * its retains copy an attribute map from the palette, so that equal values meet.
 */
function changeFor(g, length, { insertNullRate = 0, palette = [] } = {}) {
  const d = new Delta();
  let pos = 0;
  const ops = g.range(1, 6);
  for (let i = 0; i < ops; i++) {
    const r = g.next();
    if (r < 0.35 && pos < length) {
      const n = g.range(1, Math.min(length - pos, 8));
      d.retain(n, palette.length > 0 && g.chance(0.5) ? structuredClone(g.pick(palette)) : attributes(g, 0.4, 0.3));
      pos += n;
    } else if (r < 0.6 && pos < length) {
      const n = g.range(1, Math.min(length - pos, 6));
      d.delete(n);
      pos += n;
    } else {
      insertInto(g, d, { nullRate: insertNullRate });
    }
  }
  // A trailing plain retain is legal (push keeps it; chop removes it).
  if (pos < length && g.chance(0.25)) d.retain(length - pos);
  return d;
}

/** A change unrelated to any document; now and then with a null attribute on an insert. */
const arbitraryChange = (g) => changeFor(g, g.range(0, 30), { insertNullRate: 0.05 });

const anyDelta = (g) => (g.chance(0.4) ? documentDelta(g) : arbitraryChange(g));

const wire = (d) => ({ ops: d.ops });

const CASES = {
  compose(g) {
    const r = g.next();
    let a;
    let b;
    if (r < 0.5) {
      a = documentDelta(g);
      b = changeFor(g, a.length(), { palette: paletteOf(a) });
    } else if (r < 0.8) {
      // Two sequential changes: b applies to what a produces from a document of length n.
      const n = g.range(0, 25);
      a = changeFor(g, n);
      b = changeFor(g, n + a.changeLength());
    } else {
      a = anyDelta(g);
      b = anyDelta(g);
    }
    return { a: wire(a), b: wire(b), result: wire(a.compose(b)) };
  },
  transform(g) {
    let a;
    let b;
    if (g.chance(0.8)) {
      const n = g.range(0, 25);
      a = changeFor(g, n);
      b = changeFor(g, n, { palette: paletteOf(a) });
    } else {
      a = anyDelta(g);
      b = anyDelta(g);
    }
    const priority = g.chance(0.5);
    return { a: wire(a), b: wire(b), priority, result: wire(a.transform(b, priority)) };
  },
  transformPosition(g) {
    const n = g.range(0, 25);
    const delta = changeFor(g, n);
    // Priority only matters where an insert sits exactly at the index: aim at op edges half the time.
    const edges = [0];
    for (const op of delta.ops) edges.push(edges[edges.length - 1] + Delta.Op.length(op));
    const index = g.chance(0.5) ? g.pick(edges) : g.range(0, n + 3);
    const priority = g.chance(0.5);
    return { delta: wire(delta), index, priority, result: delta.transformPosition(index, priority) };
  },
  invert(g) {
    const base = documentDelta(g);
    const change = changeFor(g, base.length(), { palette: paletteOf(base) });
    return { change: wire(change), base: wire(base), result: wire(change.invert(base)) };
  },
  diff(g) {
    const a = documentDelta(g);
    const r = g.next();
    let b;
    if (r < 0.65) b = a.compose(changeFor(g, a.length(), { palette: paletteOf(a) }));
    else if (r < 0.9) b = documentDelta(g);
    else b = new Delta(structuredClone(a.ops)); // equal documents, distinct objects
    return { a: wire(a), b: wire(b), result: wire(a.diff(b)) };
  },
  slice(g) {
    const delta = anyDelta(g);
    const length = delta.length();
    const start = g.range(0, length + 1);
    const end = g.chance(0.3) ? null : start + g.range(0, length - start + 2);
    const result = end === null ? delta.slice(start) : delta.slice(start, end);
    return { delta: wire(delta), start, end, result: wire(result) };
  },
  concat(g) {
    const a = anyDelta(g);
    const b = anyDelta(g);
    return { a: wire(a), b: wire(b), result: wire(a.concat(b)) };
  },
  chop(g) {
    const delta = arbitraryChange(g);
    const r = g.next();
    if (r < 0.4) delta.retain(g.range(1, 5));
    else if (r < 0.55) delta.retain(g.range(1, 5), attributes(g, 1, 0.3));
    const input = wire(new Delta(structuredClone(delta.ops)));
    return { delta: input, result: wire(delta.chop()) };
  },
  length(g) {
    const delta = anyDelta(g);
    return { delta: wire(delta), result: { length: delta.length(), changeLength: delta.changeLength() } };
  },
  push(g) {
    // The builder verbs with zero lengths, empty strings, empty attribute objects and nulls.
    const calls = [];
    const delta = new Delta();
    const count = g.range(1, 10);
    for (let i = 0; i < count; i++) {
      const r = g.next();
      const attrs = g.chance(0.15) ? {} : attributes(g, 0.5, 0.2);
      let call;
      if (r < 0.35) {
        const arg = g.chance(0.15) ? '' : g.chance(0.2) ? embed(g) : text(g, 6);
        call = { call: 'insert', arg, attributes: attrs };
        delta.insert(structuredClone(arg), structuredClone(attrs));
      } else if (r < 0.6) {
        call = { call: 'retain', length: g.range(0, 5), attributes: attrs };
        delta.retain(call.length, structuredClone(attrs));
      } else if (r < 0.85) {
        call = { call: 'delete', length: g.range(0, 5) };
        delta.delete(call.length);
      } else {
        // push() takes an op as it is: only well-formed ops (non-empty, attributes non-empty).
        const op = anyOp(g);
        call = { call: 'push', op };
        delta.push(structuredClone(op));
      }
      calls.push(call);
    }
    return { calls, result: wire(delta) };
  },
  json(g) {
    // A slice now and then, which may cut a surrogate pair (a lone surrogate on the wire).
    let delta = anyDelta(g);
    if (g.chance(0.3)) delta = delta.slice(g.range(0, 3), g.range(3, delta.length()));
    const json = writeJson(g, wire(delta));
    return { json, result: wire(new Delta(JSON.parse(json).ops)) };
  },
};

function anyOp(g) {
  const r = g.next();
  const attrs = attributes(g, 0.5, 0);
  if (r < 0.4) return withAttributes({ insert: g.chance(0.25) ? embed(g) : text(g, 6) }, attrs);
  if (r < 0.7) return withAttributes({ retain: g.range(1, 5) }, attributes(g, 0.5, 0.3));
  return { delete: g.range(1, 5) };
}

function withAttributes(op, attrs) {
  if (attrs) op.attributes = attrs;
  return op;
}

/** JSON text for the same value, varied the ways a client may vary it. */
function writeJson(g, value) {
  const style = { space: g.chance(0.3), escape: g.chance(0.3), shuffle: g.chance(0.5), numbers: g.chance(0.3) };
  const gap = () => (style.space ? g.pick([' ', '\n  ', '']) : '');
  const write = (v) => {
    if (v === null || typeof v === 'boolean') return String(v);
    if (typeof v === 'number') {
      // Integers stay plain (retain 3.0 would be a fractional-looking count); other numbers
      // may be written in exponent form, which a reader must read by value.
      return style.numbers && !Number.isInteger(v) ? v.toExponential() : String(v);
    }
    if (typeof v === 'string') return writeString(v, style.escape);
    if (Array.isArray(v)) return `[${gap()}${v.map(write).join(`,${gap()}`)}${gap()}]`;
    const keys = style.shuffle ? g.shuffle(Object.keys(v)) : Object.keys(v);
    return `{${gap()}${keys.map((k) => `${writeString(k, false)}:${gap()}${write(v[k])}`).join(`,${gap()}`)}${gap()}}`;
  };
  return write(value);
}

function writeString(s, escapeNonAscii) {
  const json = JSON.stringify(s);
  return escapeNonAscii ? json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasLoneSurrogate(value) {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(hasLoneSurrogate);
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const g = new Gen(args.seed);
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let redrawn = 0;
  let thrown = 0;
  const lines = [];
  for (let i = 0; i < args.count; i++) {
    const kind = KINDS[i % KINDS.length];
    let c;
    for (let attempt = 0; ; attempt++) {
      if (attempt === 1000) fail(`case ${i} (${kind}): no usable case in 1000 draws`);
      formatNames = g.chance(0.5) ? FORMAT_NAMES : g.shuffle(FORMAT_NAMES).slice(0, 3);
      try {
        c = { kind, ...CASES[kind](g) };
      } catch (e) {
        // quill-delta rejects the input: fast-diff recurses without end on a lone surrogate.
        thrown++;
        continue;
      }
      if (args.loneSurrogates === 'allow' || !hasLoneSurrogate(c)) break;
      redrawn++;
    }
    counts[kind]++;
    lines.push(JSON.stringify(c));
  }
  const output = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  if (args.out) writeFileSync(args.out, output);
  else process.stdout.write(output);
  const perKind = KINDS.map((k) => `${k}=${counts[k]}`).join(' ');
  process.stderr.write(`differential: seed=${args.seed} count=${args.count} lone-surrogates=${args.loneSurrogates} ` +
    `redrawn=${redrawn} quill-threw=${thrown}\ndifferential: ${perKind}\n`);
}

main();
