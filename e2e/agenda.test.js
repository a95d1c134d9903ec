// The agenda of a caseload in the built app: every deadline of two
// families' files (two children in Anytown, one in Othertown) on Friday 31
// October 2025, filtered, searched, downloaded as CSV and printed to A4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { appUnderTest, download, importExample, openApp, screenshot } from './support.js';

const app = appUnderTest();

/** The agenda as shown: each heading with the text of its rows. */
function shown(page) {
  return page.locator('.agenda__group').evaluateAll((groups) =>
    groups.map((group) => [
      group.querySelector('h2').textContent,
      [...group.querySelectorAll('tbody tr')].map((row) =>
        [...row.cells].map((cell) => cell.textContent.trim()).join(' | '),
      ),
    ]),
  );
}

/** How many rows the page says it has, from "12 deadlines.". */
async function counted(page) {
  const text = await page.getByRole('status').textContent();
  return text.startsWith('No deadlines') ? 0 : Number(text.replace(/[^0-9]/g, ''));
}

test('the agenda lists every open deadline of every case, overdue first, and filters, prints and downloads them', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await importExample(page, 'two-children');
  await importExample(page, 'moving-and-mediation');
  await page.getByRole('link', { name: 'See the agenda' }).click();
  await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Overdue' }).waitFor();

  const all = await shown(page);
  assert.equal(all[0][0], 'Overdue', 'the overdue deadlines come first');
  assert.deepEqual(all[0][1].slice(0, 2), [
    '6 May 2025 | A. B. | Invitations to the review meeting | Overdue by 178 days | The school or college | Anytown Council',
    '6 May 2025 | A. B. | Advice sent out before the review meeting | Overdue by 178 days | The school or college | Anytown Council',
  ]);
  const headings = all.map(([heading]) => heading);
  assert.ok(headings.includes('December 2025'), headings.join());
  const rows = all.flatMap(([, rows]) => rows);
  assert.equal(await counted(page), rows.length);
  assert.ok(!rows.some((row) => row.includes('Window closed')), "a family's closed windows are not still to do");
  await screenshot(page, '60-agenda', errors);

  // One council: Othertown's one case.
  await page.getByLabel('Council').selectOption('Othertown Council');
  await page.getByRole('status').filter({ hasText: /deadline/ }).waitFor();
  const othertown = (await shown(page)).flatMap(([, rows]) => rows);
  assert.ok(othertown.length > 0 && othertown.length < rows.length);
  assert.ok(othertown.every((row) => row.includes('| R. S. |') && row.endsWith('| Othertown Council')), othertown.join('\n'));
  assert.ok(othertown.includes('14 December 2025 | R. S. | First review by the new council | Due in 44 days | The council | Othertown Council'));

  // The rows chosen, as a spreadsheet.
  const sheet = await download(page, page.getByRole('button', { name: 'Download these deadlines (CSV)' }));
  assert.match(sheet.name, /^ehc-timeline-agenda-2025-10-31\.csv$/);
  const lines = sheet.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  assert.equal(lines.length, othertown.length + 1, 'a header and one row per deadline shown');
  assert.ok(lines.slice(1).every((line) => line.startsWith('c-move,R. S.,Othertown Council,')), lines.join('\n'));

  // Back to every council, every status; then a search by child (C. B.'s
  // deadlines are met or excepted, none still to do) and by reference.
  await page.getByLabel('Council').selectOption('');
  await page.getByLabel('Status').selectOption('all');
  const everything = (await shown(page)).flatMap(([, rows]) => rows);
  assert.ok(everything.length > rows.length, 'met and closed deadlines too');
  assert.ok(everything.some((row) => row.includes('Window closed')));
  await page.getByLabel('Search by child or reference').fill('c. b.');
  const younger = (await shown(page)).flatMap(([, rows]) => rows);
  assert.equal(younger.length, 3, younger.join('\n'));
  assert.ok(younger.every((row) => row.includes('| C. B. |')), younger.join('\n'));
  await page.getByLabel('Search by child or reference').fill('EHC/2025/0311');
  const byReference = (await shown(page)).flatMap(([, rows]) => rows);
  assert.ok(byReference.length > 0 && byReference.every((row) => row.includes('| R. S. |')), byReference.join('\n'));
  await page.getByLabel('Search by child or reference').fill('');
  await page.getByLabel('Status').selectOption('open');

  // Printed to A4: the rows, without the filters.
  const pdfPath = join(tmpdir(), `ehc-agenda-${process.pid}.pdf`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.agenda__filters').isVisible(), false, 'the filters are not printed');
  await page.pdf({ path: pdfPath, format: 'A4' });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  assert.match(text, /Agenda/);
  assert.match(text, /Overdue/);
  assert.match(text, /6 May 2025\s+A\. B\.\s+Invitations to the review/);
  assert.doesNotMatch(text, /Search by child or reference/);
  await page.emulateMedia({ media: 'screen' });

  // Each row leads to its case, and to the deadline's own card there.
  await page.getByRole('link', { name: 'Invitations to the review meeting' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'A. B.' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('deadline-'));
  assert.match(await page.evaluate(() => document.activeElement.textContent), /^Invitations to the review meeting/);
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
  await page.getByRole('link', { name: 'R. S.' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'R. S.' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
