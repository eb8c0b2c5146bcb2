import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayTitle, titleProblem, UNTITLED } from '../src/lib/title.js';

// The same rule as the server's DocumentState.TitleProblem, in the same words.

test('any Unicode title of up to 200 characters can be kept', () => {
  for (const title of ['日本語の文書', 'Ünïcödé — naïve café', 'שלום עולם', '📝 notes', '👍🏽'.repeat(200)]) {
    assert.equal(titleProblem(title), null, title);
  }
});

test('characters are counted as a reader counts them, not as code units', () => {
  assert.equal(titleProblem('👍🏽'.repeat(200) + 'a'), 'title: at most 200 characters, got 201');
  assert.equal(titleProblem('e\u0301'.repeat(200)), null);
});

test('an empty, multi-line or broken title is refused with the reason', () => {
  assert.equal(titleProblem('   '), 'title: must not be empty');
  assert.equal(titleProblem('two\nlines'), 'title: must be one line, without control characters');
  assert.equal(titleProblem('tab\there'), 'title: must be one line, without control characters');
  assert.equal(titleProblem('lone \ud800 surrogate'), 'title: is not valid Unicode text');
});

test('a document without a title shows as untitled', () => {
  assert.equal(displayTitle(null), UNTITLED);
  assert.equal(displayTitle(''), UNTITLED);
  assert.equal(displayTitle('Plan'), 'Plan');
});
