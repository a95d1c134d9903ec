// One big case in the built app: a case of 1,000 and one of 10,000 events
// (the benchmark portfolio's histories laid over one another, as
// crates/outputs/benches/one_case.rs does natively), its case page, its
// chronology and its two exports. Every step must grow in step with the
// events (issue 14): ten times the events should take about ten times as
// long, not a hundred. Run by `make bench`; nothing here asserts a time.
import { RUNS, header, newContext, readyAt, repeat, row, seededPage, stored, withApp } from './measure.mjs';

const NAME = 'Sam Taylor';

/** A stored value (version 1) of one case of `events` events. */
function bigCase(portfolio, events) {
  const all = JSON.parse(portfolio)
    .cases.flatMap((c) => c.events)
    .slice(0, events)
    .map((event, index) => ({ ...event, id: `e-${index + 1}` }));
  if (all.length !== events) throw new Error(`the portfolio has only ${all.length} events`);
  const big = { id: 'c-big', child: NAME, local_authority: 'Exampleshire County Council', events: all };
  return JSON.stringify({ storage_version: 1, format: 'ehc-timeline/1', cases: [big] });
}

/**
 * Milliseconds, in the page, from a click on the link or button named `name`
 * until `selector` matches `expected` elements, the first reading `text` if
 * given (what the user then sees).
 */
function untilShown(page, name, selector, expected, text = null) {
  return page.evaluate(
    ([name, selector, expected, text]) =>
      new Promise((resolve) => {
        const target = [...document.querySelectorAll('a, button')].find((e) => e.textContent.trim() === name);
        let started;
        const shown = () => {
          const found = document.querySelectorAll(selector);
          return found.length === expected && (text === null || found[0].textContent.trim() === text);
        };
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          resolve(performance.now() - started);
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        started = performance.now();
        target.click();
      }),
    [name, selector, expected, text],
  );
}

/**
 * Milliseconds, in the page, from a click on the button named `name` until
 * the file to download is made (its blob URL; the browser's saving is not
 * the app's work).
 */
function untilFileMade(page, name) {
  return page.evaluate(
    (name) =>
      new Promise((resolve) => {
        const target = [...document.querySelectorAll('button')].find((e) => e.textContent.trim() === name);
        const original = URL.createObjectURL;
        let started;
        URL.createObjectURL = (blob) => {
          URL.createObjectURL = original;
          resolve(performance.now() - started);
          return original.call(URL, blob);
        };
        started = performance.now();
        target.click();
      }),
    name,
  );
}

/** The figures for one case of `events` events. */
async function measure(browser, url, portfolio, events) {
  const context = await newContext(browser);
  const page = await seededPage(context, url, bigCase(portfolio, events));
  page.setDefaultTimeout(300_000);
  await page.goto(url);
  await readyAt(page, { rows: 1 });
  const times = { page: [], chronologyFirst: [], chronology: [], export: [], calendar: [] };
  const rows = 'table.chronology__events > tbody > tr';
  await repeat(RUNS, async (run) => {
    times.page.push(await untilShown(page, NAME, 'main h1', 1, NAME));
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    const chronology = await untilShown(page, 'Print a chronology', rows, events);
    (run === 0 ? times.chronologyFirst : times.chronology).push(chronology);
    await page.getByRole('link', { name: `Back to ${NAME}` }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    times.export.push(await untilFileMade(page, 'Export this case'));
    times.calendar.push(await untilFileMade(page, 'Add the deadlines to your calendar (.ics)'));
    await page.getByRole('link', { name: 'Back to your cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  });
  const size = events.toLocaleString('en-GB');
  row(`${size} events: open the case page`, times.page);
  row(`${size} events: open the chronology, the first time (its part loaded)`, times.chronologyFirst);
  row(`${size} events: open the chronology again`, times.chronology);
  row(`${size} events: export this case (case file)`, times.export);
  row(`${size} events: the calendar (.ics)`, times.calendar);
  await context.close();
}

await withApp(async ({ url, browser }) => {
  const portfolio = await stored('portfolio.json');
  header('One big case in the built app, headless Chromium');
  for (const events of [1_000, 10_000]) await measure(browser, url, portfolio, events);
});
