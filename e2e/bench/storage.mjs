// The portfolio (1,000 cases x 60 events, as the app stores it) in Chromium's
// localStorage: the time to write it (what the app's save does after
// encoding) and to read it in a new page (what the app's load does before
// decoding), and whether it fits the quota: the largest value Chromium takes
// under the app's key, found by bisection. Then 10,000 cases x 60 events
// through the app: imported (stored in IndexedDB), the page reloaded, every
// case exported, and each compared with the file imported. Run by `make
// bench`; nothing here asserts a time.
import { readFile } from 'node:fs/promises';
import { KEY, RUNS, header, newContext, readyAt, repeat, row, stored, withApp } from './measure.mjs';

/** A page of the app's origin that is not the app. */
async function originPage(context, url) {
  const page = await context.newPage();
  await page.goto(`${url}bench-storage`);
  return page;
}

/** Whether a value of `length` characters can be stored under the key. */
function fits(page, length) {
  return page.evaluate(
    ([key, n]) => {
      localStorage.clear();
      try {
        localStorage.setItem(key, 'x'.repeat(n));
        return true;
      } catch (error) {
        if (error.name === 'QuotaExceededError') return false;
        throw error;
      }
    },
    [KEY, length],
  );
}

await withApp(async ({ url, browser }) => {
  const value = await stored('portfolio.json');
  const context = await newContext(browser);
  const page = await originPage(context, url);
  await page.evaluate((text) => (window.portfolio = text), value);

  const outcome = await page.evaluate((key) => {
    localStorage.clear();
    try {
      localStorage.setItem(key, window.portfolio);
      return 'stored';
    } catch (error) {
      return error.name;
    }
  }, KEY);
  const writes = await repeat(RUNS, () =>
    page.evaluate((key) => {
      localStorage.removeItem(key);
      const started = performance.now();
      localStorage.setItem(key, window.portfolio);
      return performance.now() - started;
    }, KEY),
  );
  const reads = await repeat(RUNS, async () => {
    const reader = await originPage(context, url);
    const [time, length] = await reader.evaluate((key) => {
      const started = performance.now();
      const text = localStorage.getItem(key);
      return [performance.now() - started, text.length];
    }, KEY);
    await reader.close();
    if (length !== value.length) throw new Error(`read ${length} characters, not ${value.length}`);
    return time;
  });

  let [low, high] = [0, 64 * 1024 * 1024];
  while (high - low > 1024) {
    const middle = Math.floor((low + high) / 2);
    if (await fits(page, middle)) low = middle;
    else high = middle;
  }
  await page.evaluate(() => localStorage.clear());
  await context.close();

  header("The 1,000-case portfolio in Chromium's localStorage");
  row(`write it (setItem, ${value.length.toLocaleString('en-GB')} characters)`, writes);
  row('read it in a new page (getItem)', reads);
  const perCase = value.length / 1000;
  console.log(`\nstoring it: ${outcome === 'stored' ? 'fits' : outcome} (${value.length.toLocaleString('en-GB')} characters, ${(value.length / 2 ** 20).toFixed(2)} MiB of JSON)`);
  console.log(`the largest value Chromium stored under "${KEY}": about ${low.toLocaleString('en-GB')} characters (${(low / 2 ** 20).toFixed(2)} Mi); the portfolio uses ${((100 * value.length) / low).toFixed(0)}% of it, room for about ${Math.floor(low / perCase).toLocaleString('en-GB')} such cases`);

  await roundTrip(browser, url, JSON.parse(await stored('portfolio-10000.json')).cases);
});

/** The number of records in the app's IndexedDB. */
function records(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('cases').objectStore('cases').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/** `cases` imported, reloaded and exported through the app; prints what came back. */
async function roundTrip(browser, url, cases) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(url);
  await readyAt(page);
  const file = Buffer.from(JSON.stringify({ format: 'ehc-timeline/1', cases }));
  const started = Date.now();
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({ name: 'portfolio.json', mimeType: 'application/json', buffer: file });
  await page.getByRole('button', { name: 'Import', exact: true }).click({ timeout: 300_000 });
  let count = 0;
  for (let tries = 0; count !== cases.length && tries < 600; tries += 1) {
    await page.waitForTimeout(500);
    count = await records(page);
  }
  const storedIn = Date.now() - started;
  await page.reload();
  const reload = await readyAt(page, { rows: cases.length });
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 300_000 }),
    page.getByRole('button', { name: 'Export all cases' }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8')).cases;
  await context.close();
  const byId = new Map(exported.map((c) => [c.id, JSON.stringify(c)]));
  const same = cases.filter((c) => byId.get(c.id) === JSON.stringify(c)).length;
  const n = (value) => value.toLocaleString('en-GB');
  console.log(`
${n(cases.length)} cases x 60 events (${(file.length / 2 ** 20).toFixed(1)} MiB) through the app:`);
  console.log(`- imported and stored: ${n(count)} records in IndexedDB, ${(storedIn / 1000).toFixed(1)} s from the import's start`);
  console.log(`- reloaded: the list showed ${n(cases.length)} cases, ready at ${reload.toFixed(0)} ms`);
  console.log(`- exported: ${n(exported.length)} cases, ${n(same)} the same as imported, field for field${same === cases.length ? ': nothing lost' : ''}`);
}
