// End-to-end: the built app in Debian's Chromium, used as a parent or an
// advocate would use it. Everything is found by role and visible text.
// The browser's date is fixed at Friday 31 October 2025.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { addCase, appUnderTest, fillDate, logMilestone, openApp, screenshot, storedRecords, untilStored } from './support.js';

const app = appUnderTest();

/** The list item of the deadline titled `title`. */
function deadline(page, title) {
  return page.getByRole('listitem').filter({
    has: page.getByRole('heading', { level: 3, name: title, exact: true }),
  });
}

/** The rows of the case list, read once the list is on screen (a link to it draws it on the next frame). */
async function caseRows(page) {
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  return page.getByRole('table', { name: 'Your cases' }).locator('tbody tr').allInnerTexts();
}

/**
 * The text of every event card, read as a reader scrolling down the list
 * would: a card is drawn (and has an `innerText`) only once near the screen.
 */
async function eventTexts(page) {
  const texts = [];
  for (const card of await page.getByRole('region', { name: 'Events' }).locator('li.event').all()) {
    await card.scrollIntoViewIfNeeded();
    let text = '';
    for (let frame = 0; frame < 100 && text === ''; frame += 1) {
      await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(drawn)));
      text = (await card.innerText()).trim();
    }
    texts.push(text);
  }
  return texts.join('\n');
}

test('a parent logs a request and a late decision and sees which deadline was missed', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await screenshot(page, '01-case-list-empty', errors);
  await assert.doesNotReject(page.getByText('You have no cases yet.').waitFor());

  await addCase(page, { child: 'A. B.', council: 'Anytown Council', reference: 'EHC/2025/0142' });
  await logMilestone(page, 'Request for an assessment received by the council', [1, 9, 2025], {
    who: 'SEND team',
    note: 'Request sent by email with the school report.',
    document: 'request-2025-09-01.pdf',
  });

  // Six weeks after Monday 1 September 2025 is Monday 13 October 2025: 18 days ago.
  const decision = deadline(page, 'Decision whether to assess');
  assert.equal(await decision.getByText('Overdue by 18 days').count(), 1);
  assert.equal(await decision.getByText('Due 13 October 2025').count(), 1);
  assert.match(await decision.innerText(), /SEND Regulations 2014, reg 5\(1\)/);
  await decision.getByText('How this date was worked out').click();
  assert.match(
    await decision.innerText(),
    /6 weeks after 1 September 2025, not counting that day \(42 days on, the same weekday\): 13 October 2025/,
  );
  assert.equal(await deadline(page, 'Final plan').getByText('Due 19 January 2026').count(), 1);
  assert.equal(await deadline(page, 'Final plan').getByText('Due in 80 days').count(), 1);
  await page.getByText('1 deadline is overdue.').waitFor();
  const nextSteps = page.getByRole('heading', { name: 'What you can do next' });
  await nextSteps.waitFor();
  await page.getByText('This tool is not legal advice.').waitFor();
  await page
    .getByText('say that the decision whether to assess was due on 13 October 2025 under SEND Regulations 2014, reg 5(1)')
    .waitFor();
  await page.getByText('for this deadline, by 13 October 2026').waitFor();
  await screenshot(page, '02-case-overdue', errors);

  // A decision dated before the request is refused, with the GOV.UK error summary.
  await page.getByRole('link', { name: 'Log a milestone' }).click();
  await page.getByLabel('What happened').selectOption({ label: 'Council decided to assess' });
  await fillDate(page, [31, 8, 2025]);
  await page.getByRole('button', { name: 'Save milestone' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.textContent?.includes('There is a problem')),
    true,
    'the error summary takes focus',
  );
  await summary.getByRole('link', { name: 'Date must be the same as or after the date of the request' }).waitFor();
  assert.match(
    await page.getByRole('group', { name: 'Date' }).innerText(),
    /Error:\s*Date must be the same as or after the date of the request/,
  );
  await screenshot(page, '03-log-error-before-request', errors);

  // An impossible date is not a real date.
  await fillDate(page, [30, 2, 2025]);
  await page.getByRole('button', { name: 'Save milestone' }).click();
  await summary.getByRole('link', { name: 'Date must be a real date' }).waitFor();
  // Clicking the message moves focus to the day box.
  await summary.getByRole('link', { name: 'Date must be a real date' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'date-day');

  await fillDate(page, [20, 10, 2025]);
  await page.getByRole('button', { name: 'Save milestone' }).click();
  await page.getByRole('heading', { level: 2, name: 'Deadlines' }).waitFor();
  assert.equal(await decision.getByText('Met 7 days late').count(), 1);
  assert.equal(await decision.getByText('Done 20 October 2025 — Council decided to assess').count(), 1);
  assert.equal(await page.getByText('deadline is overdue').count(), 0);
  await screenshot(page, '04-case-met-late', errors);

  // Changing the date of the decision moves the count with it.
  const events = page.getByRole('region', { name: 'Events' });
  await events
    .getByRole('listitem')
    .filter({ hasText: 'Council decided to assess' })
    .getByRole('button', { name: 'Edit' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Change a milestone' }).waitFor();
  await page.getByRole('group', { name: 'Date' }).getByLabel('Day').fill('21');
  await page.getByRole('button', { name: 'Save milestone' }).click();
  await decision.getByText('Met 8 days late').waitFor();

  // Deleting a milestone can be undone.
  await events
    .getByRole('listitem')
    .filter({ hasText: 'Council decided to assess' })
    .getByRole('button', { name: 'Delete' })
    .click();
  const banner = page.getByRole('status').filter({ hasText: 'Milestone deleted' });
  await banner.getByText('21 October 2025 — Council decided to assess was deleted.').waitFor();
  await decision.getByText('Overdue by 18 days').waitFor();
  await screenshot(page, '05-milestone-deleted', errors);
  await banner.getByRole('button', { name: 'Undo' }).click();
  await decision.getByText('Met 8 days late').waitFor();
  assert.equal(await page.getByText('Milestone deleted').count(), 0);
  await untilStored(page, (cases) => cases[0]?.events.some((event) => event.date === '2025-10-21'), 'the milestone restored is stored again');

  // Everything is still there after a reload.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'A. B.' }).waitFor();
  assert.equal(await deadline(page, 'Decision whether to assess').getByText('Met 8 days late').count(), 1);
  const eventsText = await eventTexts(page);
  assert.match(eventsText, /1 September 2025 — Request for an assessment received by the council/);
  assert.match(eventsText, /Who: SEND team/);
  assert.match(eventsText, /Document: request-2025-09-01\.pdf/);
  assert.match(eventsText, /21 October 2025 — Council decided to assess/);
  await page.getByText('EHC/2025/0142').waitFor();

  // The case list shows the next deadline.
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  const rows = await caseRows(page);
  assert.equal(rows.length, 1);
  assert.match(rows[0], /A\. B\.\s+Anytown Council\s+22 December 2025\s+Decision whether to issue a plan\s+None/);
  await screenshot(page, '06-case-list', errors);
  await context.close();
});

test('an advocate keeps several cases: sorted by urgency, renamed, archived, deleted and restored', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Zara', council: 'Northtown Council' });
  await logMilestone(page, 'Request for an assessment received by the council', [1, 9, 2025]);
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await addCase(page, { child: 'Adam', council: 'Southtown Council' });
  await logMilestone(page, 'Request for an assessment received by the council', [20, 10, 2025]);
  await page.getByRole('link', { name: 'Back to your cases' }).click();

  // Most urgent first: Zara's decision is overdue; Adam's is not due yet.
  let rows = await caseRows(page);
  assert.match(rows[0], /^Zara\s+Northtown Council\s+22 December 2025.*1 overdue$/s);
  assert.match(rows[1], /^Adam\s+Southtown Council\s+1 December 2025.*None$/s);
  await page.getByLabel('Sort by').selectOption({ label: 'Name' });
  rows = await caseRows(page);
  assert.match(rows[0], /^Adam/);
  assert.match(rows[1], /^Zara/);
  await screenshot(page, '07-case-list-two-cases', errors);

  // Rename.
  await page.getByRole('link', { name: 'Zara' }).click();
  await page.getByRole('button', { name: 'Rename case' }).click();
  await page.getByLabel("Child's name or initials").fill('Z. Y.');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.getByRole('heading', { level: 1, name: 'Z. Y.' }).waitFor();

  // The disputed point is a setting the user can see and change.
  const setting = page.getByRole('group', { name: 'When does an annual review count as complete?' });
  assert.equal(
    await setting.getByLabel('When the council tells you its decision after the review (the default)').isChecked(),
    true,
  );
  await setting.getByLabel('On the day of the review meeting').check();
  await page.getByRole('button', { name: 'Save setting' }).click();
  await page.getByText('In use: On the day of the review meeting.').waitFor();

  // Archive: the case leaves the list until archived cases are shown.
  await page.getByRole('button', { name: 'Archive case' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  rows = await caseRows(page);
  assert.equal(rows.length, 1);
  assert.match(rows[0], /^Adam/);
  await page.getByLabel('Show archived cases').check();
  rows = await caseRows(page);
  assert.equal(rows.length, 2);
  assert.ok(rows.some((row) => /Z\. Y\.\s+Archived/.test(row)), rows.join('\n'));

  // Delete, then undo.
  await page.getByRole('link', { name: 'Adam' }).click();
  await page.getByRole('button', { name: 'Delete case' }).click();
  const banner = page.getByRole('status').filter({ hasText: 'Case deleted' });
  await banner.getByText('The case of Adam was deleted from this device.').waitFor();
  // Only the archived case is left, and archived cases are hidden again.
  assert.equal((await caseRows(page)).length, 0);
  await page.getByText('All your cases are archived (1).').waitFor();
  await screenshot(page, '08-case-deleted', errors);
  await banner.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.getByText('Case deleted').count(), 0);
  await untilStored(page, (cases) => cases.length === 2, 'the case restored is stored again');

  // All of it survives a reload.
  await page.reload();
  await page.getByLabel('Show archived cases').check();
  rows = await caseRows(page);
  assert.equal(rows.length, 2, rows.join('\n'));
  await page.getByRole('link', { name: 'Z. Y.' }).click();
  await page.getByText('Archived', { exact: true }).waitFor();
  assert.equal(
    await page
      .getByRole('group', { name: 'When does an annual review count as complete?' })
      .getByLabel('On the day of the review meeting')
      .isChecked(),
    true,
  );
  await context.close();
});

test('export a case file, then import it on another device: a preview first, a bad file changes nothing', async () => {
  // Device one: a case, exported.
  const one = await openApp(app.browser, app.server.url);
  await addCase(one.page, { child: 'C. D.', council: 'Anytown Council' });
  await logMilestone(one.page, 'Request for an assessment received by the council', [1, 9, 2025]);
  const [caseDownload] = await Promise.all([
    one.page.waitForEvent('download'),
    one.page.getByRole('button', { name: 'Export this case' }).click(),
  ]);
  assert.equal(caseDownload.suggestedFilename(), 'ehc-timeline-c-d-2025-10-31.json');
  await one.page.getByRole('link', { name: 'Back to your cases' }).click();
  const [allDownload] = await Promise.all([
    one.page.waitForEvent('download'),
    one.page.getByRole('button', { name: 'Export all cases' }).click(),
  ]);
  assert.equal(allDownload.suggestedFilename(), 'ehc-timeline-all-cases-2025-10-31.json');
  const exported = await readFile(await allDownload.path(), 'utf8');
  const file = JSON.parse(exported);
  assert.equal(file.format, 'ehc-timeline/1');
  assert.equal(file.exported_at, '2025-10-31');
  assert.equal(file.cases.length, 1);
  assert.equal(file.cases[0].child, 'C. D.');
  assert.deepEqual(
    file.cases[0].events.map((event) => [event.kind, event.date]),
    [['request-received', '2025-09-01']],
  );
  await one.context.close();

  // Device two: empty, imports the file.
  const two = await openApp(app.browser, app.server.url);
  const { page, errors } = two;
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import a case file' }).waitFor();

  // A broken file: told where, and nothing changes.
  await page.getByLabel('Case file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "ehc-timeline/1",\n "cases": [}'),
  });
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByText(/The file could not be imported: line 2, column \d+/).waitFor();
  await screenshot(page, '09-import-error', errors);
  assert.deepEqual(await storedRecords(page), {});

  // An unknown kind names the event at fault.
  await page.getByLabel('Case file').setInputFiles({
    name: 'unknown-kind.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported.replace('"request-received"', '"request-recieved"')),
  });
  await summary.getByText(/request-recieved/).waitFor();
  assert.deepEqual(await storedRecords(page), {});

  // The good file: a preview, and nothing written until "Import".
  await page.getByLabel('Case file').setInputFiles({
    name: 'cases.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await page.getByRole('heading', { name: 'This will add 1 case and replace 0 cases' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'C. D.' }).waitFor();
  await screenshot(page, '10-import-preview', errors);
  assert.deepEqual(await storedRecords(page), {});
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  const rows = await caseRows(page);
  assert.equal(rows.length, 1);
  assert.match(rows[0], /^C\. D\.\s+Anytown Council/);
  await page.getByRole('link', { name: 'C. D.' }).click();
  await deadline(page, 'Decision whether to assess').getByText('Overdue by 18 days').waitFor();

  // The same file again replaces the case rather than adding a second one.
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({
    name: 'cases.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await page.getByRole('heading', { name: 'This will add 0 cases and replace 1 case' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  await page.reload();
  // The list is drawn once the cases are read from IndexedDB.
  await page.getByRole('table', { name: 'Your cases' }).waitFor();
  assert.equal((await caseRows(page)).length, 1);
  await two.context.close();
});
