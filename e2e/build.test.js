// The built files as trunk and build/minify.mjs left them: the JavaScript and
// CSS minified, and every integrity hash in index.html the hash of the file it
// pins (a wrong one would make the browser refuse the file, and the app).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { integrity, withIntegrity } from '../build/minify.mjs';
import { dist } from './support.js';

test('every file index.html pins has the integrity hash of its minified content', async () => {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const pinned = [...html.matchAll(/<link\b[^>]*\bhref="\/?([^"]+)"[^>]*\bintegrity="([^"]+)"/g)];
  const names = pinned.map(([, name]) => name);
  assert.ok(names.some((name) => name.endsWith('.js')), `the glue JavaScript is pinned: ${names}`);
  assert.ok(names.some((name) => name.endsWith('.css')), `the stylesheet is pinned: ${names}`);
  for (const [, name, value] of pinned) {
    const bytes = await readFile(join(dist, name));
    assert.equal(value, integrity(bytes), name);
    if (/\.(js|css)$/.test(name)) {
      const text = bytes.toString('utf8');
      assert.ok(!/^\s*\/\//m.test(text) && !text.includes('/*'), `${name} has no comments left`);
      assert.ok(text.split('\n').length < 40, `${name} is minified (${text.split('\n').length} lines)`);
    }
  }
});

test('an integrity hash is replaced only on the element linking that file', () => {
  const html =
    '<link rel="stylesheet" href="/main.css" integrity="sha384-old"/>' +
    '<link rel="modulepreload" href="/app.js" crossorigin="anonymous" integrity="sha384-old">';
  assert.equal(
    withIntegrity(html, 'app.js', 'sha384-new'),
    '<link rel="stylesheet" href="/main.css" integrity="sha384-old"/>' +
      '<link rel="modulepreload" href="/app.js" crossorigin="anonymous" integrity="sha384-new">',
  );
});
