import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { LINK_VECTORS, RULES, sanitize, splitter } from '../src/lib/edit-rules.js';
import { isSafeUrl } from '../src/lib/link-safety.js';
import { World } from './harness.js';

const inserted = (d: Delta) => d.ops.reduce((n, op) => n + (typeof op.insert === 'string' ? op.insert.length : op.insert ? 1 : 0), 0);

test('The link check agrees with C# LinkSafety on every vector of the contract', () => {
  assert.ok(LINK_VECTORS.length >= 10);
  for (const v of LINK_VECTORS) {
    assert.equal(isSafeUrl(v.url, RULES.linkSchemes), v.link, `link verdict for ${JSON.stringify(v.url)}`);
    assert.equal(isSafeUrl(v.url, RULES.embedSchemes), v.embed, `embed verdict for ${JSON.stringify(v.url)}`);
  }
});

test('An unsafe link is taken out of an edit and its text stays', () => {
  const edit = new Delta().retain(3).insert('click ').insert('here', { link: 'javascript:void(0)', bold: true }).insert('!');
  const { delta, removed } = sanitize(edit);
  assert.deepEqual(delta, new Delta().retain(3).insert('click ').insert('here', { bold: true }).insert('!'));
  assert.equal(removed.length, 1);
  assert.match(removed[0]!, /link to "javascript:void\(0\)"/);
});

test('Formatting an existing range as an unsafe link, or with an unknown format, keeps the other formats', () => {
  const { delta, removed } = sanitize(new Delta().retain(2).retain(5, { link: 'about:blank', italic: true, glow: 'x' }));
  assert.deepEqual(delta, new Delta().retain(2).retain(5, { italic: true }));
  assert.equal(removed.length, 2);
});

test('An embed the server would refuse is taken out; a safe edit is returned unchanged', () => {
  assert.deepEqual(sanitize(new Delta().insert('a').insert({ image: 'javascript:x' }).insert('b')).delta, new Delta().insert('ab'));
  assert.deepEqual(sanitize(new Delta().insert({ iframe: 'https://x' })).delta, new Delta());
  const safe = new Delta().insert('ok', { link: 'https://example.com' }).insert({ image: 'https://example.com/a.png' });
  assert.equal(sanitize(safe).delta, safe);
  assert.deepEqual(sanitize(safe).removed, []);
});

test('A paste larger than one op is cut into parts that each fit and compose to the paste', () => {
  const split = splitter({ maxOps: 10_000, maxInsertLength: 100_000 });
  const text = 'x'.repeat(1_000_000);
  let rest: Delta | null = new Delta().retain(7).insert(text).delete(2).retain(3, { bold: true });
  const whole = rest;
  const base = new Delta().insert('0123456789abcdef');
  let doc = base;
  let parts = 0;
  while (rest !== null) {
    const [first, next]: [Delta, Delta | null] = split(rest);
    assert.ok(inserted(first) <= 100_000, `part ${parts} inserts ${inserted(first)}`);
    doc = doc.compose(first);
    rest = next;
    parts++;
  }
  assert.equal(parts, 10);
  assert.deepEqual(doc, base.compose(whole));
});

test('A cut never separates a surrogate pair, and the op count limit is kept', () => {
  const [first, rest] = splitter({ maxOps: 10_000, maxInsertLength: 3 })(new Delta().insert('ab😀c'));
  assert.deepEqual(first, new Delta().insert('ab'));
  assert.deepEqual(new Delta().compose(first).compose(rest!), new Delta().insert('ab😀c'));
  const many = new Delta();
  for (let i = 0; i < 30; i++) many.insert(String(i % 10), i % 2 === 0 ? { bold: true } : undefined);
  const [f2, r2] = splitter({ maxOps: 10, maxInsertLength: 1000 })(many);
  assert.ok(f2.ops.length <= 10);
  assert.deepEqual(new Delta().compose(f2).compose(r2!), many);
});

test('A 1,000,000-character paste reaches a server that refuses ops over the limit, whole, as several ops', async () => {
  const world = new World();
  const rules = { maxOps: 10_000, maxInsertLength: 100_000 };
  world.server.refuse = (d) => (inserted(d) > rules.maxInsertLength ? 'too_large' : null);
  const ann = world.session('ann', undefined, true, { split: splitter(rules) });
  const bob = world.session('bob');
  await ann.client.start();
  await bob.client.start();
  await world.quiesce();
  ann.client.submit(new Delta().insert('start '));
  ann.client.submit(new Delta().retain(6).insert('y'.repeat(1_000_000)));
  ann.client.submit(new Delta().retain(1_000_006).insert(' end'));
  await world.quiesce(50_000);
  assert.equal(world.server.refused.length, 0);
  assert.ok(world.server.head >= 10, `only ${world.server.head} ops`);
  assert.deepEqual(world.server.document, new Delta().insert(`start ${'y'.repeat(1_000_000)} end`));
  assert.deepEqual(bob.client.document(), world.server.document);
});
