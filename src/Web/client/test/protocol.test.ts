import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CloseCodes, FATAL_CLOSE_CODES, FATAL_ERROR_CODES, PROTOCOL_VERSION, REJECTING_ERROR_CODES, RETRY_ERROR_CODES,
  VALIDATION_RULES,
} from '../src/lib/protocol.js';

const sorted = (set: ReadonlySet<string | number>) => [...set].sort();

test('The close codes keep the numbers the server closes with', () => {
  assert.deepEqual({ ...CloseCodes }, {
    normal: 1000, tooBig: 1009, serverError: 1011, restart: 1012, idle: 4000, slowConsumer: 4008,
    protocolError: 4400, unauthorized: 4401, forbidden: 4403, versionUnsupported: 4426, rateLimited: 4429,
  });
  assert.equal(PROTOCOL_VERSION, 1);
});

test('Only closes that no reconnect can fix stop the client', () => {
  assert.deepEqual(sorted(FATAL_CLOSE_CODES), [1000, 1009, 4400, 4426]);
  // 4401 is fixed by a refreshed token and 4403 has its own state ("Access removed"); the
  // transient closes reconnect.
  for (const code of [4401, 4403, 1011, 1012, 4000, 4008, 4429]) assert.ok(!FATAL_CLOSE_CODES.has(code), String(code));
});

test('The error codes split into stop, drop the op and resend, each code in at most one', () => {
  // deleted: the document is in the trash; only its owner restoring it helps.
  assert.deepEqual(sorted(FATAL_ERROR_CODES), ['bad_message', 'deleted', 'protocol_error', 'version_too_new', 'version_too_old']);
  assert.deepEqual(sorted(REJECTING_ERROR_CODES), ['bad_attribute', 'bad_op', 'too_large', 'unsafe_link']);
  assert.deepEqual(sorted(RETRY_ERROR_CODES), ['rate_limited', 'unavailable']);
  // The client handles these itself (resubscribe, re-authenticate, access removed): none may
  // also stop it, drop an op or resend.
  for (const code of ['resync', 'bad_revision', 'not_subscribed', 'unauthorized', 'forbidden']) {
    for (const set of [FATAL_ERROR_CODES, REJECTING_ERROR_CODES, RETRY_ERROR_CODES]) assert.ok(!set.has(code), code);
  }
});

test('The validation rules are the server defaults', () => {
  assert.equal(VALIDATION_RULES.maxInsertLength, 100_000);
  assert.equal(VALIDATION_RULES.maxOps, 10_000);
  assert.deepEqual(VALIDATION_RULES.linkSchemes, ['http', 'https', 'mailto']);
  assert.ok(VALIDATION_RULES.formats.includes('link') && !VALIDATION_RULES.formats.includes('onclick'));
});
