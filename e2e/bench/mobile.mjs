// A first visit on a slow phone: Lighthouse's mobile profile (slow 4G: 1.6
// Mbit/s down, 750 kbit/s up, 150 ms round trip; the CPU slowed 4 times),
// through the DevTools protocol, with the app served as `make serve` serves
// it (each file's compressed copy). From the navigation's start to the first
// usable screen (the app's "ehc-ready" mark): a first visit (nothing cached),
// a return visit (the service worker serves the app), the first opening of a
// part loaded on demand (src/parts.rs), and a return visit to a locked store,
// to its Unlock page (the first module, then the parts `locked` and `lock`,
// all from the service worker). Run by `make bench`; nothing here asserts a
// time.
import { RUNS, header, newContext, readyAt, repeat, row, withApp } from './measure.mjs';

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

/** A new page of `context` on the mobile profile. */
async function slowPage(context) {
  const page = await context.newPage();
  const devtools = await context.newCDPSession(page);
  await devtools.send('Network.enable');
  await devtools.send('Network.emulateNetworkConditions', SLOW_4G);
  await devtools.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

/** Milliseconds from asking for `hash` to its heading `name`, in `page`. */
async function opening(page, hash, name) {
  const started = await page.evaluate((hash) => {
    const now = performance.now();
    window.location.hash = hash;
    return now;
  }, hash);
  await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 120_000 });
  return (await page.evaluate(() => performance.now())) - started;
}

await withApp(async ({ url, browser }) => {
  header('On a slow phone (slow 4G, CPU 4x slower), to the first usable screen');
  const first = [];
  const parts = [];
  const returns = [];
  await repeat(RUNS, async () => {
    const context = await newContext(browser);
    const page = await slowPage(context);
    await page.goto(url);
    first.push(await readyAt(page));
    parts.push(await opening(page, '#/import', 'Import a case file'));
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The service worker takes control from the next load on.
    await page.goto(url);
    await readyAt(page);
    await page.reload();
    returns.push(await readyAt(page));
    await context.close();
  });
  const locked = await repeat(RUNS, async () => {
    const context = await newContext(browser);
    const page = await slowPage(context);
    await page.goto(url);
    await readyAt(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto(`${url}#/lock`);
    const passphrase = 'blue kettle on the stairs';
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Type the passphrase again').fill(passphrase);
    await page.getByRole('button', { name: 'Lock my cases' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor({ timeout: 120_000 });
    await page.reload();
    const ready = await readyAt(page);
    await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor();
    await context.close();
    return ready;
  });
  row('first visit (nothing cached)', first);
  row('return visit (the service worker serves the app)', returns);
  row('first opening of a part (import), on the first visit', parts);
  row('return visit to a locked store, to its Unlock page', locked);
});
