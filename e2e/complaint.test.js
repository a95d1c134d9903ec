// What a complaint needs, in the built app: the chronology printed to PDF in
// Chromium and read back with poppler (pdftotext, pdftoppm), the letter
// drafts, the calendar and the spreadsheet downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ICAL from 'ical.js';
import { appUnderTest, download, openApp, screenshot, screenshots } from './support.js';

const app = appUnderTest();

/**
 * The bundled late-assessment example with 40 more letters and calls, so
 * the chronology runs over several pages, and one event of approximate date.
 */
async function longCaseFile() {
  const file = JSON.parse(
    await readFile(new URL('../examples/late-assessment.json', import.meta.url), 'utf8'),
  );
  const events = file.cases[0].events;
  for (let n = 1; n <= 40; n += 1) {
    const day = String(1 + (n % 28)).padStart(2, '0');
    events.push({
      id: `e-extra-${n}`,
      kind: n % 2 ? 'email' : 'call',
      date: `2025-08-${day}`,
      who: 'Case officer',
      note: `Asked for an update on the advice from the community paediatrician (contact ${n}).`,
    });
  }
  events.push({ id: 'e-approx', kind: 'note', approx: '2024-11', note: 'School first raised concerns.' });
  return JSON.stringify(file, null, 2);
}

/** Imports `text` as a case file and opens the case named `child`. */
async function importAndOpen(page, text, child) {
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({
    name: 'case.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('link', { name: child }).click();
  await page.getByRole('heading', { level: 1, name: child }).waitFor();
}

test('the chronology prints to A4 with the events, the missed deadlines and page numbers', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await importAndOpen(page, await longCaseFile(), 'J. T.');
  await page.getByRole('link', { name: 'Print a chronology' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chronology of events' }).waitFor();
  await page.getByText('Chronology: J. T.').waitFor();
  await page.getByText('Council: Anytown Council · Reference: EHC/2025/0142 · Prepared on 31 October 2025').waitFor();
  const rows = await page.locator('.chronology__events tbody tr').allInnerTexts();
  assert.equal(rows.length, 55);
  assert.match(rows[0], /^1\s+November 2024 \(approximate\)\s+Note/);
  assert.match(rows[1], /^2\s+3 January 2025\s+Request for an assessment sent/);
  await screenshot(page, '30-chronology-screen', errors);

  const pdfPath = join(tmpdir(), `chronology-${process.pid}.pdf`);
  await page.pdf({ path: pdfPath, preferCSSPageSize: true });
  // Raw order keeps each table cell's words together; wrapped lines are joined.
  const text = execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' });
  const pages = text
    .split('\f')
    .filter((p) => p.trim() !== '')
    .map((p) => p.replace(/\s+/g, ' '));
  assert.ok(pages.length >= 2, `${pages.length} pages`);
  pages.forEach((pageText, index) => {
    assert.match(pageText, /Chronology: J\. T\./, `the header on page ${index + 1}`);
    assert.match(pageText, new RegExp(`Page ${index + 1} of ${pages.length}`), `page ${index + 1}'s number`);
  });
  const all = pages.join('\n');
  for (const expected of [
    'Request for an assessment received by the council',
    'Acknowledgement email, 6 January 2025',
    'Deadlines the council missed',
    'Advice for the assessment (Community paediatrician)',
    '7 April 2025',
    'Not yet',
    'SEND Regulations 2014, reg 8(1)',
    'Deadlines met late',
    '39 days (5 weeks 4 days)',
    'November 2024 (approximate)',
  ]) {
    assert.ok(all.includes(expected), `the PDF says "${expected}"`);
  }
  for (const interactive of ['Print or save as PDF', 'Skip to main content', 'Back to J. T.', 'Initials only']) {
    assert.ok(!all.includes(interactive), `"${interactive}" is not printed`);
  }
  // The printed pages as pictures, to be looked at.
  execFileSync('pdftoppm', ['-png', '-r', '50', pdfPath, join(screenshots, '31-chronology-pdf')]);
  await access(join(screenshots, '31-chronology-pdf-1.png'));

  // Initials only, on screen and on paper.
  await page.getByLabel('Initials only (J. T.)').check();
  await page.getByText('Chronology: J. T.').waitFor();
  await context.close();
});

test('letters quote the dates and regulation, and download as edited', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await importAndOpen(page, await longCaseFile(), 'J. T.');
  await page.getByRole('link', { name: 'Draft a letter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Letters' }).waitFor();
  const chase = page.getByRole('region', { name: 'Chase letter' });
  await chase
    .getByText('J. T.: Advice for the assessment (Community paediatrician) was due on 7 April 2025')
    .waitFor();
  const letter = chase.getByLabel('Letter');
  const body = await letter.inputValue();
  assert.match(body, /Under SEND Regulations 2014, reg 8\(1\), the advice for the assessment was due by 7 April 2025\./);
  assert.match(body, /\[your name\]/);
  await letter.fill(body.replaceAll('[your name]', 'Sam Taylor'));
  const saved = await download(page, chase.getByRole('button', { name: 'Download this letter' }));
  assert.equal(saved.name, 'ehc-timeline-chase-letter-2025-10-31.txt');
  assert.match(saved.text, /^Subject: J\. T\.: Advice for the assessment/);
  assert.match(saved.text, /Sam Taylor/);
  assert.doesNotMatch(saved.text, /\[your name\]/);

  const complaint = page.getByRole('region', { name: 'Formal complaint to the council' });
  assert.match(
    await complaint.getByLabel('Letter').inputValue(),
    /- Final plan: due 26 May 2025 \(SEND Regulations 2014, reg 13\(2\)\); issued 4 July 2025, 39 days late\./,
  );
  await page.getByRole('region', { name: 'Covering note to the Ombudsman' }).waitFor();
  await screenshot(page, '32-letters', errors);
  await context.close();
});

test('the calendar and the spreadsheet download with the deadlines', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await importAndOpen(page, await longCaseFile(), 'J. T.');
  const calendar = await download(
    page,
    page.getByRole('button', { name: 'Add the deadlines to your calendar (.ics)' }),
  );
  assert.equal(calendar.name, 'ehc-timeline-j-t-deadlines-2025-10-31.ics');
  assert.match(calendar.text, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  assert.match(calendar.text, /METHOD:PUBLISH\r\n/);
  assert.match(calendar.text, /DTSTAMP:20251031T000000Z\r\n/);
  // The first annual review: 12 months from the final plan of 4 July 2025.
  assert.match(calendar.text, /UID:c-late\.annual-review\.e-14@ehc-timeline\r\nDTSTAMP:20251031T000000Z\r\nDTSTART;VALUE=DATE:20260703\r\n/);

  await page.getByRole('link', { name: 'Back to your cases' }).click();
  const sheet = await download(
    page,
    page.getByRole('button', { name: 'Download every deadline as a spreadsheet (CSV)' }),
  );
  assert.equal(sheet.name, 'ehc-timeline-deadlines-2025-10-31.csv');
  assert.ok(sheet.text.startsWith('\ufeffCase,Child,Council,Reference,Rule,Deadline,Due (ISO),Due,Status'));
  assert.match(
    sheet.text,
    /c-late,J\. T\.,Anytown Council,EHC\/2025\/0142,Final plan,Final plan,2025-05-26,26 May 2025,Met late,39,2025-07-04,/,
  );
  await screenshot(page, '33-case-list-with-outputs', errors);
  await context.close();
});

test('hostile text in a case cannot run in a spreadsheet or break a calendar', async () => {
  const { context, page } = await openApp(app.browser, app.server.url);
  // A child's name with control characters and a formula after a semicolon,
  // and a request whose later deadlines fall in the year 10000.
  const child = 'H.\u000b\u001b T.; =HYPERLINK("x")';
  const file = {
    format: 'ehc-timeline/1',
    cases: [
      {
        id: 'c-hostile',
        child,
        local_authority: ' =1+1',
        events: [{ id: 'e-1', kind: 'request-received', date: '2025-10-20' }],
      },
      {
        id: 'c-far',
        child: 'F. Y.',
        events: [{ id: 'e-1', kind: 'request-received', date: '9999-10-01' }],
      },
    ],
  };
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({
    name: 'case.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('table', { name: 'Your cases' }).waitFor();

  const calendar = await download(
    page,
    page.getByRole('button', { name: 'Add the deadlines to come to your calendar (.ics)' }),
  );
  // A second, independent reader: ical.js, the parser Thunderbird uses.
  const parsed = new ICAL.Component(ICAL.parse(calendar.text));
  const events = parsed.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
  const summaries = events.map((event) => event.summary);
  assert.ok(summaries.includes('H. T.; =HYPERLINK("x"): Decision whether to assess'), summaries.join('\n'));
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(calendar.text), 'no control character');
  for (const event of events) {
    assert.ok(event.startDate.year <= 9999, `${event.summary} in ${event.startDate.year}`);
  }
  assert.ok(summaries.includes('F. Y.: Decision whether to assess'), 'the date 9999 can still be written');

  const sheet = await download(
    page,
    page.getByRole('button', { name: 'Download every deadline as a spreadsheet (CSV)' }),
  );
  for (const separator of [',', ';']) {
    for (const cell of csvCells(sheet.text.replace(/^\ufeff/, ''), separator)) {
      assert.doesNotMatch(cell, /^[\s"]*[=+\-@\uff1d\uff0b\uff0d\uff20]/, `split at ${separator}: ${cell}`);
    }
  }
  await context.close();
});

/** Every cell of `text` as a reader splitting at `separator` sees it (RFC 4180 quotes). */
function csvCells(text, separator) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator || c === '\n') {
      cells.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
