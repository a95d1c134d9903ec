// Load to interactive: from the navigation's start to the app's first render
// (its "ehc-ready" performance mark, set once the page and its handlers are
// there). Cold: a fresh browser context each run, nothing cached and no
// service worker. Warm: a reload of a page the service worker controls. With
// no cases (the first visit) and with a portfolio of 1,000 and of 10,000
// cases x 60 events in IndexedDB: as an older version stored them (each
// record without its summary, so the app decodes and evaluates every case
// before its first render, then stores the summaries), and as this version
// stores them (each record with the summary the case list shows, so only
// the cases whose summary no longer holds are evaluated). Run by `make
// bench`; nothing here asserts a time.
import { RUNS, header, inDatabase, newContext, readyAt, recordsPage, repeat, row, seededPage, stored, withApp } from './measure.mjs';

/** A seed of records as the app stored them: each key with its text. */
class Records {
  constructor(entries) {
    this.entries = entries;
  }
}

/** One cold load per run, each in a new context; the list shows `rows` cases. */
function cold(browser, url, value, rows) {
  return repeat(RUNS, async () => {
    const context = await newContext(browser);
    const page = value instanceof Records ? await recordsPage(context, url, value.entries) : await seededPage(context, url, value);
    await page.goto(url);
    const time = await readyAt(page, { rows });
    await context.close();
    return time;
  });
}

/** Reloads of one page once the service worker controls it. */
async function warm(browser, url, value, rows) {
  const context = await newContext(browser);
  const page = await seededPage(context, url, value);
  await page.goto(url);
  await readyAt(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker takes control from the next load on.
  await page.reload();
  await readyAt(page);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    throw new Error('the service worker does not control the page after a reload');
  }
  const times = await repeat(RUNS, async () => {
    await page.reload();
    return readyAt(page, { rows });
  });
  await context.close();
  return times;
}

/**
 * The records the app stores for the cases of `value` once it has started
 * on them: each with its summary, written after its first screen.
 */
async function summarised(browser, url, value) {
  const context = await newContext(browser);
  const page = await seededPage(context, url, value);
  await page.goto(url);
  await readyAt(page);
  let records = [];
  for (let tries = 0; tries < 600; tries += 1) {
    records = await inDatabase(page);
    if (records.every(([, text]) => text.includes('"list":'))) break;
    await page.waitForTimeout(500);
  }
  await context.close();
  if (!records.every(([, text]) => text.includes('"list":'))) {
    throw new Error('the app did not store the summaries of the cases');
  }
  return new Records(records);
}

await withApp(async ({ url, browser }) => {
  const portfolio = await stored('portfolio.json');
  header('Load to interactive (navigation start to first render), headless Chromium');
  row('cold load, no cases', await cold(browser, url, null, 0));
  row('warm load (service worker), no cases', await warm(browser, url, null, 0));
  row('cold load, 1,000 cases x 60 events, records without summaries', await cold(browser, url, portfolio, 1000));
  const summaries = await summarised(browser, url, portfolio);
  row('cold load, 1,000 cases x 60 events, records with summaries', await cold(browser, url, summaries, 1000));
  row('warm load (service worker), 1,000 cases x 60 events', await warm(browser, url, portfolio, 1000));
  const large = await stored('portfolio-10000.json');
  row('cold load, 10,000 cases x 60 events, records without summaries', await cold(browser, url, large, 10000));
  const largeSummaries = await summarised(browser, url, large);
  row('cold load, 10,000 cases x 60 events, records with summaries', await cold(browser, url, largeSummaries, 10000));
});
