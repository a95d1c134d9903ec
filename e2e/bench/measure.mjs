// Shared by the browser benchmarks (`make bench`): the built app served and
// Chromium launched as in the end-to-end tests, the stored values written by
// the storage benchmark (benches/storage.rs), medians, and the figures printed
// as rows of a Markdown table. Nothing here asserts a time.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dist, launch, serveDist } from '../support.js';

/** Runs of each measurement; the median is printed, with the range. */
export const RUNS = Number(process.env.EHC_BENCH_RUNS ?? 7);

/** The app's localStorage key (src/storage/mod.rs). */
export const KEY = 'ehc-timeline';

const data = resolve(process.env.EHC_BENCH_DATA ?? 'target/bench-data');

/** A stored value written by `cargo bench -p ehc-timeline --bench storage`. */
export function stored(name) {
  return readFile(join(data, name), 'utf8');
}

/**
 * Serves dist/ (EHC_DIST) and launches Chromium for `measure({ url,
 * browser })`, then stops both.
 */
export async function withApp(measure) {
  const server = await serveDist();
  const browser = await launch();
  try {
    console.log(`(the build in ${dist}, ${RUNS} runs of each)`);
    await measure({ url: server.url, browser });
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * A fresh browser context (nothing cached, no service worker) whose pages
 * note what the page showed when the app set its "ehc-ready" mark, so
 * `readyAt` can tell a mark set before the first render.
 */
export async function newContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  await context.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, ...rest) => {
      if (name === 'ehc-ready') {
        window.ehcReadyHeading = document.querySelector('main h1')?.textContent;
        window.ehcReadyRows = document.querySelectorAll('main tbody tr').length;
        window.ehcReadyOf = document.querySelector('main')?.textContent.match(/Showing the first [\d,]+ of ([\d,]+) cases/)?.[1];
      }
      return mark(name, ...rest);
    };
  });
  return context;
}

/**
 * A new page of `context` that has put the cases of `value` (a stored value
 * of version 1, unless null) in the origin's IndexedDB, one record per case
 * as the app writes them, from a page of the origin that is not the app: the
 * app, opened next in this page, finds them there.
 */
export function seededPage(context, url, value) {
  const records = value === null ? null : JSON.parse(value).cases.map((c) => [c.id, JSON.stringify({ rev: 1, case: c })]);
  return recordsPage(context, url, records);
}

/** A new page of `context` that has put `records` (each [key, text], unless null) in the app's database, as `seededPage`. */
export async function recordsPage(context, url, records) {
  const page = await context.newPage();
  if (records !== null) {
    await page.goto(`${url}bench-seed`);
    await inDatabase(page, records);
  }
  return page;
}

/**
 * In `page`, every record of the app's database, each [key, text]; or with
 * `records` (each [key, text]), writes them and the storage version first.
 */
export function inDatabase(page, records = null) {
  return page.evaluate(
    (records) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('cases');
          open.result.createObjectStore('meta');
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(['cases', 'meta'], 'readwrite');
          const cases = transaction.objectStore('cases');
          for (const [key, text] of records ?? []) cases.put(text, key);
          if (records) transaction.objectStore('meta').put(3, 'storage_version');
          const keys = cases.getAllKeys();
          const texts = cases.getAll();
          transaction.oncomplete = () => {
            db.close();
            resolve(keys.result.map((key, at) => [key, texts.result[at]]));
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    records,
  );
}

/** The text of the record of case `id` as the app stored it in IndexedDB. */
export function storedRecord(page, id) {
  return page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('cases').objectStore('cases').get(id);
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );
}

/** The number of events of case `id` as the app stored it in IndexedDB. */
export async function storedEvents(page, id) {
  return JSON.parse(await storedRecord(page, id)).case.events.length;
}

/** The rows the case list draws at first; "Show more" draws the rest (src/components/latest.rs). */
export const LIST_PAGE = 200;

/**
 * Milliseconds from the navigation's start to the app's "ehc-ready" mark, set
 * once its first render is in the page (a page of `newContext`). With `rows`,
 * checks that the case list then listed that many cases: drew them all, or
 * its first page of them and said it holds `rows`.
 */
export async function readyAt(page, { rows } = {}) {
  const ready = () => performance.getEntriesByName('ehc-ready').length > 0;
  await page.waitForFunction(ready, null, { timeout: 120_000 });
  const [time, heading, shown, of] = await page.evaluate(() => [
    performance.getEntriesByName('ehc-ready')[0].startTime,
    window.ehcReadyHeading,
    window.ehcReadyRows,
    window.ehcReadyOf,
  ]);
  if (!heading) throw new Error('the "ehc-ready" mark was set before the first render');
  const listed = of === undefined ? shown : Number(of.replaceAll(',', ''));
  if (rows !== undefined && (listed !== rows || shown !== Math.min(rows, LIST_PAGE))) {
    throw new Error(`the app listed ${listed} cases and drew ${shown} rows, not ${rows} and ${Math.min(rows, LIST_PAGE)}`);
  }
  return time;
}

/** `runs` results of `once()`, one after another. */
export async function repeat(runs, once) {
  const results = [];
  for (let run = 0; run < runs; run += 1) results.push(await once(run));
  return results;
}

/** The median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Prints the table's head. */
export function header(title) {
  console.log(`\n${title}\n\n| measured | median | range | runs |\n|---|---|---|---|`);
}

/** Prints one row: the median and range of `times` (ms). */
export function row(measured, times) {
  const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  const range = `${ms(Math.min(...times))} to ${ms(Math.max(...times))}`;
  console.log(`| ${measured} | ${ms(median(times))} | ${range} | ${times.length} |`);
}

/**
 * Clicks the button labelled `button` and times it, in the page, until
 * `selector` matches `expected` elements: { dom } when the page shows it, and
 * { frame }, the next frame after that (what the user sees).
 */
export function timeClick(page, button, selector, expected) {
  return page.evaluate(
    ([label, selector, expected]) =>
      new Promise((resolve) => {
        const target = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
        let started;
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll(selector).length !== expected) return;
          observer.disconnect();
          const dom = performance.now() - started;
          requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - started })));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        started = performance.now();
        target.click();
      }),
    [button, selector, expected],
  );
}

/** Prints the two rows of `timeClick` results. */
export function clickRows(measured, results) {
  row(`${measured}: the page shows it`, results.map((r) => r.dom));
  row(`${measured}: the next frame`, results.map((r) => r.frame));
}
