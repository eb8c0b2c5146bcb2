import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAccess, refusalMessage, sharingControls, type AccessList } from '../src/lib/access.js';

const list = (general: AccessList['general'], ...members: AccessList['members']): AccessList => ({ general, members });

test('The list answer and a change answer read the same', () => {
  const members = [{ user: 'ann', role: 'owner' }, { user: 'bob', role: 'viewer' }];
  assert.deepEqual(parseAccess({ id: 'd', general: 'restricted', members }), list('restricted', { user: 'ann', role: 'owner' }, { user: 'bob', role: 'viewer' }));
  assert.deepEqual(parseAccess({ id: 'd', user: 'bob', role: 'viewer', general: 'editor', members: [] }), list('editor'));
});

test('An answer with an unknown general access, role or a member without a name is not an access list', () => {
  assert.equal(parseAccess(null), null);
  assert.equal(parseAccess('restricted'), null);
  assert.equal(parseAccess({ general: 'anyone', members: [] }), null);
  assert.equal(parseAccess({ general: 'viewer' }), null);
  assert.equal(parseAccess({ general: 'viewer', members: [{ user: 'bob', role: 'none' }] }), null);
  assert.equal(parseAccess({ general: 'viewer', members: [{ role: 'owner' }] }), null);
  assert.equal(parseAccess({ general: 'viewer', members: [null] }), null);
});

test('An owner manages sharing whatever the general access', () => {
  assert.equal(sharingControls('ann', list('restricted', { user: 'ann', role: 'owner' }), true), 'manage');
  assert.equal(sharingControls('ann', list('viewer', { user: 'ann', role: 'owner' }, { user: 'bob', role: 'owner' }), true), 'manage');
});

test('A document nobody owns is claimed by whoever may edit it', () => {
  assert.equal(sharingControls('cat', list('editor'), true), 'claim');
  assert.equal(sharingControls('cat', list('editor', { user: 'bob', role: 'editor' }), true), 'claim');
  assert.equal(sharingControls('cat', list('viewer'), false), 'read-only');
});

test('Editors and viewers of an owned document see the list read-only', () => {
  const owned = list('restricted', { user: 'ann', role: 'owner' }, { user: 'bob', role: 'editor' });
  assert.equal(sharingControls('bob', owned, true), 'read-only');
  assert.equal(sharingControls('cat', owned, false), 'read-only');
  assert.equal(sharingControls(null, owned, true), 'read-only');
});

test("A refusal shows the server's sentence, or its status when it has none", () => {
  assert.equal(refusalMessage(403, { code: 'forbidden', message: 'user bob is not an owner of d' }), 'user bob is not an owner of d');
  assert.equal(refusalMessage(403, { title: 'forbidden', detail: 'ann is the only owner of d: make someone else an owner first', code: 'forbidden' }),
    'ann is the only owner of d: make someone else an owner first');
  assert.equal(refusalMessage(400, null), 'Sharing was not changed (400).');
  assert.equal(refusalMessage(503, { detail: '' }), 'Sharing was not changed (503).');
});
