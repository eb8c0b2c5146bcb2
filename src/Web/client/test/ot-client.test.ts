import assert from 'node:assert/strict';
import { test } from 'node:test';
import Delta from 'quill-delta';
import { OtClient, transformPair } from '../src/lib/ot-client.js';

const hello = () => new OtClient({ rev: 3, seq: 0, server: new Delta().insert('Hello\n') });

test('A local edit when synchronized is sent at once and awaits confirmation', () => {
  const ot = hello();
  const sent = ot.applyLocal(new Delta().retain(5).insert('!'));
  assert.deepEqual(sent, { seq: 1, delta: new Delta().retain(5).insert('!') });
  assert.equal(ot.state.kind, 'AwaitingConfirm');
});

test('Edits while an op is in flight are composed into one buffer and not sent', () => {
  const ot = hello();
  ot.applyLocal(new Delta().insert('A'));
  assert.equal(ot.applyLocal(new Delta().retain(1).insert('B')), null);
  assert.equal(ot.applyLocal(new Delta().retain(2).insert('C')), null);
  assert.equal(ot.state.kind, 'AwaitingWithBuffer');
  assert.deepEqual(ot.state.kind === 'AwaitingWithBuffer' && ot.state.buffer, new Delta().retain(1).insert('BC'));
  assert.deepEqual(ot.document(), new Delta().insert('ABCHello\n'));
});

test('An ack sends the buffer as the next op with the next seq', () => {
  const ot = hello();
  ot.applyLocal(new Delta().insert('A'));
  ot.applyLocal(new Delta().retain(1).insert('B'));
  const next = ot.applyAck(1, 4);
  assert.deepEqual(next, { seq: 2, delta: new Delta().retain(1).insert('B') });
  assert.equal(ot.rev, 4);
  assert.deepEqual(ot.server, new Delta().insert('AHello\n'));
  assert.equal(ot.applyAck(2, 5), null);
  assert.equal(ot.state.kind, 'Synchronized');
});

test('An ack for a seq that is not in flight is ignored', () => {
  const ot = hello();
  ot.applyLocal(new Delta().insert('A'));
  assert.equal(ot.applyAck(7, 4), undefined);
  assert.equal(ot.state.kind, 'AwaitingConfirm');
  assert.equal(ot.rev, 3);
});

test('A remote op is transformed over the in-flight op and the buffer', () => {
  const ot = hello();
  ot.applyLocal(new Delta().insert('A'));
  ot.applyLocal(new Delta().retain(6).insert('Z'));
  const remote = ot.applyRemote(4, new Delta().retain(5).insert(' world'));
  assert.deepEqual(ot.document(), new Delta().insert('AHello worldZ\n'));
  assert.deepEqual(remote, new Delta().retain(6).insert(' world'));
  assert.equal(ot.state.kind === 'AwaitingWithBuffer' && ot.state.inflight.seq, 1);
});

test('A remote op that skips a revision is refused', () => {
  assert.throws(() => hello().applyRemote(5, new Delta().insert('x')), /revision 5 does not follow 3/);
});

test('Concurrent inserts at one place converge with the server op first', () => {
  const local = new Delta().retain(2).insert('L');
  const remote = new Delta().retain(2).insert('R');
  const [l2, r2] = transformPair(local, remote);
  const base = new Delta().insert('abcd');
  assert.deepEqual(base.compose(local).compose(r2), base.compose(remote).compose(l2));
  assert.deepEqual(base.compose(remote).compose(l2), new Delta().insert('abRLcd'));
});
