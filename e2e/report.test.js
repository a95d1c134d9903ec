// The council report in the built app, on the fixture `ehc report` is tested
// on (crates/cli/tests/fixtures/council-report.json: 20 cases of Anytown,
// Gateshead and no council) on 15 January 2026: every figure of its tables
// is what `ehc report --format json` says of the same file and day, its
// download is the CLI's CSV, and it is checked by axe, printed to A4 and
// opened again offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { accessibilityViolations, appUnderTest, download, openApp, screenshot } from './support.js';

const app = appUnderTest();
const FIXTURE = new URL('../crates/cli/tests/fixtures/council-report.json', import.meta.url).pathname;
const TODAY = '2026-01-15';

/** What `ehc COMMAND` prints for the fixture on TODAY, in `format`. */
function ehc(command, format) {
  return execFileSync(
    'cargo',
    ['run', '--quiet', '-p', 'ehc-cli', '--', command, '--today', TODAY, '--format', format, FIXTURE],
    { encoding: 'utf8', cwd: new URL('..', import.meta.url).pathname, maxBuffer: 1 << 24 },
  );
}

/**
 * The histogram of weeks late of `council`'s cases, worked out from what
 * `ehc check` says of each deadline the council answers for (not the
 * family's own windows, actor `parent`): the days late of those met late or
 * overdue, in weeks begun (1 to 7 days is 1 week), in at most 12 equal bins.
 */
async function weeksLateFromCheck(council) {
  const file = JSON.parse(await readFile(FIXTURE, 'utf8'));
  const ours = new Set(file.cases.filter((c) => c.local_authority?.trim() === council).map((c) => c.id));
  const weeks = JSON.parse(ehc('check', 'json'))
    .cases.filter((c) => ours.has(c.id))
    .flatMap((c) => c.deadlines)
    .filter((d) => d.actor !== 'parent' && (d.status === 'met-late' || d.status === 'overdue'))
    .map((d) => Math.ceil(Math.max(d.days_late, 1) / 7));
  const latest = Math.max(...weeks);
  const width = Math.ceil(latest / 12);
  const bins = Array.from({ length: Math.ceil(latest / width) }, (_, at) => [at * width + 1, (at + 1) * width, 0]);
  for (const week of weeks) bins[Math.floor((week - 1) / width)][2] += 1;
  return bins.map(([first, last, clocks]) => [
    first === last ? `${first} week${first === 1 ? '' : 's'}` : `${first} to ${last} weeks`,
    clocks,
  ]);
}

/** The fields of each line of `csv` (quoted fields may hold commas and quotes). */
function csvRows(csv) {
  return csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => {
      const fields = [];
      for (const [, quoted, plain] of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)) {
        fields.push(quoted === undefined ? plain : quoted.replaceAll('""', '"'));
      }
      return fields;
    });
}

/** Each council's section as shown: its heading and the cells of its first table. */
function sections(page) {
  return page.locator('.report__council').evaluateAll((all) =>
    all.map((section) => [
      section.querySelector('h2').textContent,
      [...section.querySelector('table').querySelectorAll('tbody tr')].map((row) =>
        [...row.cells].map((cell) => cell.textContent.trim()),
      ),
    ]),
  );
}

/** The cells a group of the JSON report should have in its council's table. */
function expectedCells(group, title) {
  const percent = (value) => `${value.toFixed(1)}%`;
  const share =
    (group.percent_met_on_time === null ? 'no figure: every clock excepted' : percent(group.percent_met_on_time)) +
    (group.few_clocks ? ' (fewer than 5 clocks)' : '');
  const days = (value) => (value === null ? 'None late' : String(value));
  return [
    title,
    String(group.year),
    String(group.clocks),
    String(group.met),
    String(group.met_late),
    String(group.overdue),
    String(group.excepted),
    share,
    days(group.median_days_late),
    days(group.p90_days_late),
  ];
}

test('the council report shows what ehc report counts, downloads its CSV, prints on A4 and works offline', async () => {
  const json = JSON.parse(ehc('report', 'json'));
  const cliCsv = ehc('report', 'csv');
  const titles = csvRows(cliCsv).slice(1).map((row) => row[1]);
  assert.equal(titles.length, json.groups.length);

  const { context, page, errors } = await openApp(app.browser, app.server.url, { today: TODAY });
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({
    name: 'council-report.json',
    mimeType: 'application/json',
    buffer: await readFile(FIXTURE),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();

  await page.getByRole('link', { name: 'See the council report' }).click();
  await page.getByRole('heading', { level: 1, name: 'Council report' }).waitFor();
  assert.equal(await page.title(), 'Council report – EHC Timeline');
  await page.getByText('Counted from 20 cases on 15 January 2026.').waitFor();

  // Every group of the JSON report, in its council's table, in order.
  const expected = new Map();
  json.groups.forEach((group, at) => {
    const council = group.council ?? 'Council not recorded';
    if (!expected.has(council)) expected.set(council, []);
    expected.get(council).push(expectedCells(group, titles[at]));
  });
  assert.deepEqual(await sections(page), [...expected]);
  // Hand-worked (crates/cli/tests/report.rs): Anytown's decisions of 2024.
  assert.deepEqual(expected.get('Anytown Council')[1], [
    'Decision whether to assess', '2024', '10', '5', '4', '1', '0', '50.0%', '8', '577',
  ]);
  const few = page.getByRole('row').filter({ hasText: '(fewer than 5 clocks)' });
  assert.equal(await few.count(), json.groups.filter((group) => group.few_clocks).length);
  await page.getByText('A few cases cannot show a pattern: a figure resting on fewer than 5 clocks says so').waitFor();

  // Gateshead's final plans of 2024 beside the published figures, with their source.
  const gateshead = page.locator('.report__council').filter({ has: page.getByRole('heading', { name: 'Gateshead Council' }) });
  const published = gateshead.getByRole('table', { name: 'Final plans within 20 weeks at Gateshead Council, beside the published figures' });
  const final2024 = json.groups.find((g) => g.council === 'Gateshead Council' && g.rule === 'final-plan' && g.year === 2024);
  assert.deepEqual(
    (await published.locator('tbody tr').first().locator('th, td').allTextContents()).map((cell) => cell.trim()),
    [
      '2024',
      '60.0% of 5 clocks',
      `${final2024.england_within_20_weeks.percent}% of 84,866 plans`,
      `${final2024.council_within_20_weeks.percent}% of 245 plans`,
    ],
  );
  await gateshead.getByText('Source: Department for Education').first().waitFor();
  await gateshead.getByText('published 26 June 2025. Open Government Licence v3.0.').first().waitFor();

  // The charts: pictures named in words, with their tables.
  const bars = gateshead.getByRole('img', { name: 'Share of clocks met on time at Gateshead Council' });
  assert.match(await bars.locator('desc').textContent(), /Final plan, 2024: 60\.0%\./);
  const histogram = await weeksLateFromCheck('Gateshead Council');
  const weeks = gateshead.getByRole('img', { name: 'How many weeks late the late clocks were at Gateshead Council' });
  assert.equal(
    await weeks.locator('desc').textContent(),
    histogram.map(([words, clocks]) => `${words} late: ${clocks} clock${clocks === 1 ? '' : 's'}.`).join(' '),
  );
  const bins = await gateshead.getByRole('table', { name: 'Weeks late at Gateshead Council' }).locator('tbody tr').allInnerTexts();
  assert.deepEqual(bins.map((row) => row.replace(/\s+/g, ' ')), histogram.map((bin) => bin.join(' ')));
  await screenshot(page, '70-council-report', errors);

  // The download is the CLI's CSV of the same cases, byte for byte.
  const sheet = await download(page, page.getByRole('button', { name: 'Download as spreadsheet (CSV)' }));
  assert.equal(sheet.name, 'ehc-timeline-council-report-2026-01-15.csv');
  assert.equal(sheet.text, cliCsv);

  // One council: Gateshead's five cases only.
  await page.getByLabel('Council', { exact: true }).selectOption('Gateshead Council');
  await page.getByText('Counted from 5 cases on 15 January 2026.').waitFor();
  assert.deepEqual((await sections(page)).map(([name]) => name), ['Gateshead Council']);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByLabel('Council', { exact: true }).selectOption('');
  await page.getByText('Counted from 20 cases on 15 January 2026.').waitFor();

  // Printed to A4: the figures, without the controls.
  const pdfPath = join(tmpdir(), `ehc-council-report-${process.pid}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfPath, format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  assert.match(text, /Council report/);
  assert.match(text, /Gateshead Council/);
  // The time limit's name wraps in its narrow column on A4.
  assert.match(text, /Decision\s+2024\s+10\s+5\s+4\s+1\s+0\s+50\.0%\s+8\s+577\n\s*whether to\n\s*assess/);
  assert.match(text, /80\.8% of 245 plans/);
  assert.match(text, /It is not legal advice/);
  assert.doesNotMatch(text, /Download as spreadsheet/);
  assert.doesNotMatch(text, /Every council/);
  const pages = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(pages, /Page size:\s+59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);

  // Offline after this first visit: the service worker keeps the part.
  await page.evaluate(() => navigator.serviceWorker.ready);
  let kept = false;
  for (let tries = 0; tries < 100 && !kept; tries += 1) {
    kept = await page.evaluate(async () => Boolean(await caches.match('part-report_bg.wasm')));
    if (!kept) await page.waitForTimeout(100);
  }
  assert.ok(kept, 'the service worker kept the report part');
  await context.setOffline(true);
  await page.goto(`${app.server.url}#/`);
  await page.reload();
  await page.getByRole('link', { name: 'See the council report' }).click();
  await page.getByRole('heading', { level: 1, name: 'Council report' }).waitFor();
  assert.deepEqual(await sections(page), [...expected]);
  assert.deepEqual(errors, []);
  await context.close();
});
