// Offline: the service worker serves the app with no network, and a new
// version waits until the user chooses to use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { addCase, appUnderTest, dist, openApp, screenshot } from './support.js';

const app = appUnderTest();

/** Waits until a service worker controls the page (after one reload). */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }
  assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
}

test('with no network, the app and the cases are still there after a reload', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'O. F.', council: 'Anytown Council' });
  await controlled(page);

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'O. F.' }).waitFor();
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  const rows = await page.getByRole('table', { name: 'Your cases' }).locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /^O\. F\./);
  // A page of the app opened afresh, offline, by its address.
  const second = await context.newPage();
  await second.goto(`${app.server.url}#/add`);
  await second.getByRole('heading', { level: 1, name: 'Add a case' }).waitFor();
  await screenshot(page, '20-offline-case-list', errors);
  await context.close();
});

/** The built files of every part (src/parts.rs): each part's JavaScript and wasm. */
const partFiles = (await readdir(dist)).filter((name) => /^part-[a-z]+(\.js|_bg\.wasm)$/.test(name));

/** Waits until the service worker has kept every part (after the first screen asked it to). */
async function partsKept(page) {
  for (let tries = 0; tries < 100; tries += 1) {
    const kept = await page.evaluate(async () => {
      const names = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) names.push(new URL(request.url).pathname);
      }
      return names.filter((name) => /\/part-[a-z]+(\.js|_bg\.wasm)$/.test(name));
    });
    if (kept.length === partFiles.length) return kept;
    await page.waitForTimeout(100);
  }
  throw new Error('the service worker did not keep the parts');
}

test('the first load fetches only what the first screen needs; after it, every part works offline', async () => {
  const { context, page, errors, requests } = await openApp(app.browser, app.server.url);
  // The page itself fetched the first load and no part: the parts come from
  // the service worker, once the first screen is usable.
  const firstLoad = requests.map((path) => path.split('/').pop());
  assert.ok(firstLoad.some((name) => /^ehc-timeline-[0-9a-f]+_bg\.wasm$/.test(name)), firstLoad.join());
  assert.deepEqual(firstLoad.filter((name) => name.startsWith('part-')), [], firstLoad.join());
  // Nor the home-screen icons, which no screen shows: the service worker
  // keeps them with the parts, so the app still adds to a home screen offline.
  assert.deepEqual(firstLoad.filter((name) => /^icon-\d+\.png$/.test(name)), [], firstLoad.join());
  await partsKept(page);
  const icons = await page.evaluate(async () =>
    Promise.all(['icon-192.png', 'icon-512.png'].map(async (name) => Boolean(await caches.match(name)))),
  );
  assert.deepEqual(icons, [true, true], 'the service worker keeps both home-screen icons');

  await addCase(page, { child: 'O. F.', council: 'Anytown Council' });
  await controlled(page);
  assert.deepEqual(requests.filter((path) => path.includes('/part-')), [], 'no part was loaded yet');

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('link', { name: 'Print a chronology' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chronology of events' }).waitFor();
  await page.getByText('Chronology: O. F.').waitFor();
  // The browser's back button goes back to the case, then forward to the chronology.
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'O. F.' }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Chronology of events' }).waitFor();
  await page.goto(`${app.server.url}#/import`);
  await page.getByRole('heading', { level: 1, name: 'Import a case file' }).waitFor();
  await page.goto(`${app.server.url}#/lock`);
  await page.getByRole('button', { name: 'Lock my cases' }).waitFor();
  assert.ok(requests.some((path) => path.endsWith('/part-chronology_bg.wasm')), 'the chronology part came from the cache');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Deploys a new version (the same files, a new service worker), waits for
 * the page's banner saying it is ready, and runs `then` with that banner;
 * the old version is served again after.
 */
async function withNewVersion(page, then) {
  const worker = await readFile(join(dist, 'sw.js'), 'utf8');
  app.server.overrides.set('/sw.js', worker.replace(/const VERSION = "[^"]+"/, 'const VERSION = "next"'));
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('region', { name: 'New version' });
    await banner.getByText('A new version of EHC Timeline is ready.').waitFor();
    await then(banner);
  } finally {
    app.server.overrides.delete('/sw.js');
  }
}

test('a new version waits for the user, then takes over in one reload', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await controlled(page);
  assert.equal(await page.getByText('A new version of EHC Timeline is ready').count(), 0);

  await withNewVersion(page, async (banner) => {
    await screenshot(page, '21-new-version-ready', errors);
    // Until the user chooses, the new version waits beside the old one.
    const waiting = await page.evaluate(() => caches.keys());
    assert.equal(waiting.length, 2, waiting.join());
    assert.ok(waiting.includes('ehc-timeline-next'), waiting.join());
    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Use the new version' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
    assert.equal(await page.getByText('A new version of EHC Timeline is ready').count(), 0);
    assert.deepEqual(await page.evaluate(() => caches.keys()), ['ehc-timeline-next']);
  });
  await context.close();
});

test('a locked store opens offline right after a new version took over: the parts that open it are kept when it installs', async () => {
  const { context, page, errors, requests } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'O. F.', council: 'Anytown Council' });
  await controlled(page);
  // The first module has no lock: the lock's page changes it through the
  // part `locked`, which keeps the store.
  assert.deepEqual(requests.filter((path) => path.includes('/part-')), []);
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByRole('link', { name: 'Lock your cases' }).click();
  const passphrase = 'blue kettle on the stairs';
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Lock my cases' }).click();
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  for (const part of ['locked', 'lock']) {
    assert.ok(requests.some((path) => path.endsWith(`/part-${part}_bg.wasm`)), requests.join());
  }
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases', exact: true }).waitFor();

  await withNewVersion(page, async (banner) => {
    // Offline from here: the new version's every file comes from its own cache.
    await context.setOffline(true);
    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Use the new version' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor();
    assert.deepEqual(await page.evaluate(() => caches.keys()), ['ehc-timeline-next']);
    await page.getByLabel('Passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('link', { name: 'O. F.' }).waitFor();
  });
  assert.deepEqual(errors, []);
  await context.close();
});
