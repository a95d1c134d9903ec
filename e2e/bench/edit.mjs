// Changes, timed in the page from the click to the updated screen (when the
// page's DOM shows it, and the next frame after that, which the user sees:
// the app's save to IndexedDB starts before it). Logging one event in a case
// of 500 events (alone on the device) and in one case of a portfolio of
// 1,000 and of 10,000 cases x 60 events (the cost must not grow with the
// portfolio); and undoing the deletion of a case in the list of 1,000. With
// each, the bytes one change writes: the record of the case changed, the
// same at any size of portfolio. Run by `make bench`; nothing here asserts a
// time. `node e2e/bench/edit.mjs portfolios` measures the two portfolios only.
import {
  RUNS,
  clickRows,
  header,
  newContext,
  readyAt,
  repeat,
  seededPage,
  stored,
  storedEvents,
  storedRecord,
  timeClick,
  withApp,
} from './measure.mjs';

/** A page showing `hash`, with the cases of `value` stored. */
async function openSeeded(browser, url, value, hash) {
  const context = await newContext(browser);
  const page = await seededPage(context, url, value);
  await page.goto(`${url}${hash}`);
  await readyAt(page);
  return { context, page };
}

/**
 * Logs a letter in case `c-0` of `value`, `RUNS` times, each timed from
 * "Save milestone"; prints the characters of the record then stored.
 */
async function logLetters(browser, url, value) {
  const { context, page } = await openSeeded(browser, url, value, '#/case/c-0');
  const first = await page.locator('.events > li').count();
  // A case of many events lists its latest ones only: the list then shows
  // as many events after the save as before.
  const total = await storedEvents(page, 'c-0');
  const capped = first < total;
  const runs = await repeat(RUNS, async (run) => {
    await page.getByRole('link', { name: 'Log a milestone' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log a milestone' }).waitFor();
    await page.getByLabel('What happened').selectOption({ label: 'Letter' });
    const date = page.getByRole('group', { name: 'Date', exact: true });
    await date.getByLabel('Day').fill('20');
    await date.getByLabel('Month').fill('11');
    await date.getByLabel('Year').fill('2026');
    return timeClick(page, 'Save milestone', '.events > li', capped ? first : first + run + 1);
  });
  // The last save may still be on its way to the store.
  let saved = await storedEvents(page, 'c-0');
  for (let tries = 0; saved !== total + RUNS && tries < 100; tries += 1) {
    await page.waitForTimeout(20);
    saved = await storedEvents(page, 'c-0');
  }
  if (saved !== total + RUNS) throw new Error(`${saved} events were saved, not ${total + RUNS}`);
  written.push((await storedRecord(page, 'c-0')).length);
  await context.close();
  return runs;
}

/** Deletes case `c-0` of the portfolio and times "Undo" on the list, `RUNS` times. */
async function undoDeletes(browser, url, value) {
  const { context, page } = await openSeeded(browser, url, value, '#/case/c-0');
  const rows = 'table tbody tr';
  const runs = await repeat(RUNS, async () => {
    await page.getByRole('button', { name: 'Delete case' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    const listed = await page.locator(rows).count();
    const result = await timeClick(page, 'Undo', rows, listed + 1);
    await page.getByRole('link', { name: 'c-0', exact: true }).click();
    await page.getByRole('button', { name: 'Delete case' }).waitFor();
    return result;
  });
  await context.close();
  return runs;
}

/** The characters of each record written by `logLetters`, in order. */
const written = [];

/** Whether to measure the two portfolios only (the figures). */
const portfoliosOnly = process.argv[2] === 'portfolios';

await withApp(async ({ url, browser }) => {
  const portfolio = await stored('portfolio.json');
  header('Changes, from the click to the updated screen, headless Chromium');
  if (!portfoliosOnly) {
    clickRows('log an event in a case of 500 events', await logLetters(browser, url, await stored('case-500.json')));
  }
  clickRows('log an event in a case of a 1,000-case portfolio', await logLetters(browser, url, portfolio));
  clickRows(
    'log an event in a case of a 10,000-case portfolio',
    await logLetters(browser, url, await stored('portfolio-10000.json')),
  );
  if (portfoliosOnly) return;
  clickRows('undo the deletion of a case in the list of 1,000', await undoDeletes(browser, url, portfolio));
  const [alone, thousand, tenThousand] = written.map((n) => n.toLocaleString('en-GB'));
  console.log(
    `\nbytes written per change (one record, characters of JSON): ${alone} in the case of 500 events, ${thousand} in the 1,000-case portfolio, ${tenThousand} in the 10,000-case portfolio`,
  );
});
