// The built files as trunk and build/ left them: the JavaScript and CSS
// minified, and every integrity hash in index.html the hash of the file it
// pins (a wrong one would make the browser refuse the file, and the app),
// the wasm's included, which the browser checks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { integrity, withIntegrity } from '../build/minify.mjs';
import { shortenNames } from '../build/wasm-names.mjs';
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

/** A wasm module that imports `field` of `module` and exports it as `exported`. */
function reexporting(module, field, exported) {
  const name = (text) => [text.length, ...Buffer.from(text)];
  const section = (id, body) => [id, body.length, ...body];
  return Buffer.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [1, ...name(module), ...name(field), 0, 0]),
    ...section(7, [1, ...name(exported), 0, 0]),
  ]);
}

test("wasm-bindgen's hashed names are shortened in the wasm and its JavaScript alike", () => {
  const wasm = reexporting('./app_bg.js', '__wbg_now_0123456789abcdef', 'invoke__h0123456789abcdef');
  const js =
    'const imports = { __wbg_now_0123456789abcdef: function() { return Date.now(); } };\n' +
    'function call() { wasm.invoke__h0123456789abcdef(); wasm.invoke__h0123456789abcdef(); }';
  const short = shortenNames(wasm, js);
  const module = new WebAssembly.Module(short.bytes);
  assert.deepEqual(WebAssembly.Module.imports(module), [{ module: './app_bg.js', name: 'a', kind: 'function' }]);
  assert.deepEqual(WebAssembly.Module.exports(module), [{ name: '$0', kind: 'function' }]);
  assert.equal(short.js, 'const imports = { a: function() { return Date.now(); } };\nfunction call() { wasm.$0(); wasm.$0(); }');
  assert.throws(() => shortenNames(wasm, 'const imports = {};'), /names __wbg_now_0123456789abcdef 0 times/);
});

test('no built wasm imports or exports a hashed name', async () => {
  for (const name of (await readdir(dist)).filter((name) => name.endsWith('_bg.wasm'))) {
    const module = new WebAssembly.Module(await readFile(join(dist, name)));
    const names = [...WebAssembly.Module.imports(module), ...WebAssembly.Module.exports(module)].map((entry) => entry.name);
    assert.deepEqual(names.filter((entry) => /[0-9a-f]{16}/.test(entry)), [], name);
  }
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
