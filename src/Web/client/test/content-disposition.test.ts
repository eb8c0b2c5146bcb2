import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dispositionFilename } from '../src/lib/content-disposition.js';

test("The server's own header names the file", () => {
  assert.equal(dispositionFilename(`attachment; filename="notes-1.md"; filename*=UTF-8''notes-1.md`), 'notes-1.md');
});

test('filename* wins over filename in either order and is percent-decoded UTF-8', () => {
  assert.equal(dispositionFilename(`attachment; filename="_ber.md"; filename*=UTF-8''%C3%9Cber%20plan.md`), 'Über plan.md');
  assert.equal(dispositionFilename(`attachment; FILENAME*=utf-8'de'%C3%9Cber.md; filename="x.md"`), 'Über.md');
});

test('A quoted filename may hold escaped quotes and semicolons, a token one is taken as it is', () => {
  assert.equal(dispositionFilename('attachment; filename="a \\"b\\"; c.txt"; size=3'), 'a "b"; c.txt');
  assert.equal(dispositionFilename('attachment;filename=plain.txt'), 'plain.txt');
});

test('An unreadable filename* falls back to filename', () => {
  assert.equal(dispositionFilename(`attachment; filename*=UTF-8''%E0%A4%A; filename="f.txt"`), 'f.txt');
  assert.equal(dispositionFilename(`attachment; filename*=ISO-8859-1''%A3.txt; filename="p.txt"`), 'p.txt');
});

test('A header without a name gives none', () => {
  assert.equal(dispositionFilename(null), null);
  assert.equal(dispositionFilename('attachment'), null);
  assert.equal(dispositionFilename('attachment; filename=""'), null);
  assert.equal(dispositionFilename(`inline; filename*=UTF-8''`), null);
});
