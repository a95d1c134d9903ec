// The built files as trunk and build/ left them: the JavaScript and CSS
// minified, and every integrity hash in index.html the hash of the file it
// pins (a wrong one would make the browser refuse the file, and the app),
// the wasm's included, which the browser checks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { integrity, withIntegrity } from '../build/minify.mjs';
import { appUnderTest, dist, openApp } from './support.js';

test('every file index.html pins has the integrity hash of its minified content', async () => {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const pinned = [...html.matchAll(/<link\b[^>]*\bhref="(?:\.?\/)?([^"]+)"[^>]*\bintegrity="([^"]+)"/g)];
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

test('the loader fetches the wasm with its integrity hash; the preload, which cannot carry one, has none', async () => {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const [, href, value] = /module_or_path: fetch\('([^']+_bg\.wasm)', \{ integrity: '([^']+)' \}\)/.exec(html);
  assert.equal(value, integrity(await readFile(join(dist, href))));
  const preload = /<link rel="preload" href="([^"]+)"[^>]*>/.exec(html);
  assert.equal(preload[1], href);
  assert.doesNotMatch(preload[0], /integrity/);
});

describe('in Chromium', () => {
  const app = appUnderTest();

  test('the wasm loads with no integrity warning, and a wasm that is not the build\'s is refused', async () => {
    const { context, page, errors } = await openApp(app.browser, app.server.url);
    const messages = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
    assert.deepEqual(messages.filter((text) => /integrity/i.test(text)), []);
    assert.deepEqual(errors, []);
    await context.close();

    const html = await readFile(join(dist, 'index.html'), 'utf8');
    const wasm = /href="(?:\.\/)?([^"]+_bg\.wasm)"/.exec(html)[1];
    const tampered = Buffer.from(await readFile(join(dist, wasm)));
    tampered[tampered.length - 1] ^= 1;
    app.server.overrides.set(`/${wasm}`, tampered);
    try {
      const other = await app.browser.newContext();
      const refused = await other.newPage();
      const said = new Promise((resolve) => {
        refused.on('pageerror', (error) => /integrity/i.test(String(error)) && resolve(String(error)));
        refused.on('console', (message) => /integrity/i.test(message.text()) && resolve(message.text()));
      });
      await refused.goto(app.server.url);
      assert.match(await said, /integrity/i);
      assert.equal(await refused.getByRole('heading', { name: 'Your cases' }).count(), 0, 'the app did not start');
      await other.close();
    } finally {
      app.server.overrides.delete(`/${wasm}`);
    }
  });
});
