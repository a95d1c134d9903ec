// A site anyone can host: dist/ served under a sub-path (/ehc/, as GitHub
// Pages serves a project), with each file's compressed copy, works as at a
// site's root, offline included, and asks for nothing outside its path. The
// copies and `_headers` are what a static host needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { addCase, dist, launch, logMilestone, serveDist } from './support.js';
import { isHashed, isHostFile } from '../build/host.mjs';

const hosted = {};
before(async () => {
  hosted.server = await serveDist({ base: '/ehc/' });
  hosted.browser = await launch();
});
after(async () => {
  await hosted.browser?.close();
  await hosted.server?.close();
});

test('under /ehc/, compressed, the app works, offline too, and asks for nothing outside its path', async () => {
  const context = await hosted.browser.newContext();
  await context.clock.setFixedTime(new Date('2025-10-31T12:00:00'));
  const page = await context.newPage();
  const encodings = new Map();
  page.on('response', (response) => {
    encodings.set(new URL(response.url()).pathname, response.headers()['content-encoding']);
  });
  await page.goto(hosted.server.url);
  await addCase(page, { child: 'S. P.' });
  await logMilestone(page, 'Request for an assessment received by the council', [1, 9, 2025]);
  await page.getByText('Overdue by 18 days', { exact: true }).waitFor();

  const wasm = [...encodings.keys()].find((path) => path.endsWith('.wasm'));
  assert.ok(wasm?.startsWith('/ehc/'), `the wasm is fetched under /ehc/: ${wasm}`);
  assert.equal(encodings.get(wasm), 'br', 'the wasm comes as its brotli copy');

  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, hosted.server.url);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    const body = await (await fetch(link.href)).json();
    return { start: new URL(body.start_url, link.href).href, scope: new URL(body.scope, link.href).href };
  });
  assert.deepEqual(manifest, { start: hosted.server.url, scope: hosted.server.url });

  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'S. P.' }).waitFor();
  await page.getByText('Overdue by 18 days', { exact: true }).waitFor();

  const outside = hosted.server.requests.filter((path) => !path.startsWith('/ehc/'));
  assert.deepEqual(outside, [], 'every request stays under /ehc/');
  await context.close();
});

test('every file of the build has a .gz and a .br copy of the same bytes, and _headers says how to serve it', async () => {
  const names = (await readdir(dist)).filter((name) => !isHostFile(name));
  assert.ok(names.includes('index.html') && names.includes('sw.js'), names.join());
  for (const name of names) {
    const bytes = await readFile(join(dist, name));
    assert.deepEqual(gunzipSync(await readFile(join(dist, `${name}.gz`))), bytes, `${name}.gz`);
    assert.deepEqual(brotliDecompressSync(await readFile(join(dist, `${name}.br`))), bytes, `${name}.br`);
  }
  const headers = await readFile(join(dist, '_headers'), 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(
    await readFile(join(dist, 'index.html'), 'utf8'),
  )[1];
  assert.ok(headers.startsWith('/*\n'), headers);
  assert.ok(headers.includes(`  content-security-policy: ${policy}; frame-ancestors 'none'\n`), headers);
  assert.ok(headers.includes('  x-content-type-options: nosniff\n'), headers);
  assert.ok(headers.includes('  referrer-policy: no-referrer\n'), headers);
  const hashed = names.filter(isHashed);
  assert.ok(hashed.some((name) => name.endsWith('.wasm')), `the wasm has a hashed name: ${names}`);
  for (const name of hashed) {
    assert.ok(headers.includes(`/${name}\n  cache-control: public, max-age=31536000, immutable\n`), name);
  }
  assert.ok(!hashed.includes('index.html') && !hashed.includes('sw.js'), 'the page and the worker are never cached for long');
});
