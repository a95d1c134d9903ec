// End-to-end: nothing is lost. Two tabs on the same cases, a full disk,
// unreadable stored data, every stored version, persistent storage and the
// backup reminder. The browser's date is fixed at Friday 31 October 2025.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, download, fillDate, openApp, screenshot, storedCases, storedRecords } from './support.js';

const app = appUnderTest();
const KEY = 'ehc-timeline';
const fixture = (name) => readFile(new URL(`../tests/fixtures/${name}`, import.meta.url), 'utf8');

/** Puts `values` (key to text) in localStorage and reloads the page. */
async function storeAndReload(page, values) {
  await page.evaluate((values) => {
    for (const [key, text] of Object.entries(values)) localStorage.setItem(key, text);
  }, values);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** The case's name changed from its case page, through "Rename case". */
async function rename(page, to) {
  await page.getByRole('button', { name: 'Rename case' }).click();
  await page.getByLabel("Child's name or initials").fill(to);
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.getByRole('heading', { level: 1, name: to }).waitFor();
}

const stored = (page, key = KEY) => page.evaluate((key) => localStorage.getItem(key), key);

test('a stored value of storage version 1 loads and shows its cases', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await storeAndReload(page, { [KEY]: await fixture('storage-v1.json') });
  const rows = await page.getByRole('table', { name: 'Your cases' }).locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 1, 'the archived case is hidden');
  assert.match(rows[0], /^A\. B\.\s+Anytown Council/);
  await page.getByLabel('Show archived cases').check();
  await page.getByRole('link', { name: 'C. D.' }).waitFor();
  await page.getByRole('link', { name: 'A. B.' }).click();
  await page.getByText('Emailed by the school SENCO').waitFor();
  // Moved into IndexedDB, every field kept; the old value kept, renamed.
  const v1 = JSON.parse(await fixture('storage-v1.json'));
  assert.deepEqual(await storedCases(page), v1.cases);
  assert.equal(await stored(page), null);
  assert.equal(await stored(page, 'ehc-timeline-before-indexeddb'), await fixture('storage-v1.json'));
  await screenshot(page, 'safety-01-v1-loaded', errors);

  // The value as it was downloads byte for byte, until all cases are exported.
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  const before = await download(page, page.getByRole('button', { name: 'Download the data as stored before' }));
  assert.equal(before.name, 'ehc-timeline-before-this-version-2025-10-31.json');
  assert.ok(before.bytes.equals(Buffer.from(await fixture('storage-v1.json'), 'utf8')), 'byte for byte');
  await download(page, page.getByRole('button', { name: 'Export all cases' }));
  await page.getByRole('button', { name: 'Download the data as stored before' }).waitFor({ state: 'detached' });
  assert.equal(await stored(page, 'ehc-timeline-before-indexeddb'), null);
  await context.close();
});

test('two tabs: an edit in one shows in the other, and a clash is told, not written over', async () => {
  const a = await openApp(app.browser, app.server.url);
  await storeAndReload(a.page, { [KEY]: await fixture('storage-v1.json') });
  // Tab B can hold back what other tabs announce on the app's
  // BroadcastChannel, to stage two changes made at the same moment.
  await a.context.addInitScript(() => {
    const Real = window.BroadcastChannel;
    window.BroadcastChannel = class extends Real {
      constructor(name) {
        super(name);
        this.addEventListener('message', (event) => {
          if (window.holdMessages) event.stopImmediatePropagation();
        });
      }
    };
  });
  const b = { page: await a.context.newPage(), errors: [] };
  b.page.on('pageerror', (error) => b.errors.push(String(error)));
  await b.page.goto(`${app.server.url}#/case/c-7f3a0001`);
  await b.page.getByRole('heading', { level: 1, name: 'A. B.' }).waitFor();

  // An edit in tab A shows in tab B, on its case page, without a reload.
  await a.page.getByRole('link', { name: 'A. B.' }).click();
  await rename(a.page, 'A. B. C.');
  await b.page.getByRole('heading', { level: 1, name: 'A. B. C.' }).waitFor();

  // Both rename the same case at once: tab B keeps tab A's and says so.
  await b.page.evaluate(() => (window.holdMessages = true));
  await rename(a.page, 'Named in tab A');
  await b.page.getByRole('button', { name: 'Rename case' }).click();
  await b.page.getByLabel("Child's name or initials").fill('Named in tab B');
  await b.page.getByRole('button', { name: 'Save case' }).click();
  const clash = b.page.getByRole('alert').filter({ hasText: 'Not saved' });
  await clash.getByText(
    'Your change to Named in tab A was not saved: Named in tab A was changed in another tab or window at the same time.',
  ).waitFor();
  await b.page.getByRole('heading', { level: 1, name: 'Named in tab A' }).waitFor();
  assert.equal((await storedCases(b.page))[0].child, 'Named in tab A');
  await screenshot(b.page, 'safety-02-tabs-clash', b.errors);

  // Changes to different cases at once are both kept.
  await a.page.goto(`${app.server.url}#/case/c-7f3a0002`);
  await rename(a.page, 'C. D. E.');
  await rename(b.page, 'Named in tab B');
  assert.equal(await clash.count(), 0, 'no clash: another case changed');
  assert.deepEqual(
    (await storedCases(b.page)).map((c) => c.child),
    ['Named in tab B', 'C. D. E.'],
  );
  // Tab A, not held, took tab B's write in.
  await a.page.getByRole('link', { name: 'Back to your cases' }).click();
  await a.page.getByRole('link', { name: 'Named in tab B' }).waitFor();
  await screenshot(a.page, 'safety-03-tabs-merged', a.errors);
  await a.context.close();
});

/** Waits until what the app stored satisfies `done(cases)`; returns the cases. */
async function storedWhen(page, done) {
  for (let tries = 0; tries < 100; tries += 1) {
    const cases = await storedCases(page);
    if (done(cases)) return cases;
    await page.waitForTimeout(50);
  }
  return storedCases(page);
}

/** Presses the submit button of each page's form in the same instant. */
const submitTogether = (...pages) =>
  Promise.all(pages.map((page) => page.evaluate(() => document.querySelector('main form button[type=submit]').click())));

/** Opens `hash` in `page` and waits for its form. */
async function openForm(page, hash) {
  await page.goto(`${app.server.url}${hash}`);
  await page.locator('main form button[type=submit]').waitFor();
}

/** Tab A on the cases of storage version 1, and tab B beside it. */
async function twoTabs() {
  const a = await openApp(app.browser, app.server.url);
  await storeAndReload(a.page, { [KEY]: await fixture('storage-v1.json') });
  const b = { page: await a.context.newPage(), errors: [] };
  b.page.on('pageerror', (error) => b.errors.push(String(error)));
  await b.page.goto(app.server.url);
  await b.page.getByRole('link', { name: 'A. B.' }).waitFor();
  return { a, b };
}

/** Opens case `id`'s rename form in both tabs, filled with `names`. */
async function renameForms(pages, id, names) {
  for (const [page, name] of pages.map((page, i) => [page, names[i]])) {
    await openForm(page, `#/case/${id}/rename`);
    await page.getByLabel("Child's name or initials").fill(name);
  }
}

/** Both tabs rename a case each in the same instant: both changes are kept. */
async function renameTwoCases(pages, trial) {
  await openForm(pages[0], '#/case/c-7f3a0001/rename');
  await openForm(pages[1], '#/case/c-7f3a0002/rename');
  await pages[0].getByLabel("Child's name or initials").fill(`A ${trial}`);
  await pages[1].getByLabel("Child's name or initials").fill(`B ${trial}`);
  await submitTogether(...pages);
  const renamed = await storedWhen(pages[0], (cases) => cases[0].child === `A ${trial}` && cases[1].child === `B ${trial}`);
  assert.deepEqual(renamed.map((c) => c.child), [`A ${trial}`, `B ${trial}`], `trial ${trial}: two cases`);
  return renamed;
}

/** The name stored for the second case once it is one of `names` and
 * both tabs show it, and the names they show. */
async function keptAndShown(pages, names) {
  let kept;
  let shown;
  for (let tries = 0; tries < 100; tries += 1) {
    kept = (await storedCases(pages[0]))[1].child;
    shown = await Promise.all(pages.map((page) => page.getByRole('heading', { level: 1 }).innerText()));
    if (names.includes(kept) && shown.every((name) => name === kept)) break;
    await pages[0].waitForTimeout(50);
  }
  return { kept, shown };
}

/** How many writes of the second case `page` heard on the app's channel. */
const writesHeard = (page) =>
  page.evaluate(() => window.heard.filter((message) => message.split('\n').some((line) => line.startsWith('c-7f3a0002 '))).length);

/** How many times `page` says its change to `kept` was not saved. */
const toldNotSaved = (page, kept) =>
  page.getByRole('alert').filter({ hasText: 'Not saved' }).getByText(`Your change to ${kept} was not saved`).count();

test('two tabs saving in the same instant, many times: no change is lost silently', async () => {
  const { a, b } = await twoTabs();
  const pages = [a.page, b.page];
  const TRIALS = 6;
  for (let trial = 1; trial <= TRIALS; trial += 1) {
    // Different cases: both changes are kept.
    const renamed = await renameTwoCases(pages, trial);

    // One case, an event added in each: both events are kept.
    const events = renamed[0].events.length;
    for (const [page, what, day] of [[a.page, 'Letter', '3'], [b.page, 'Phone call', '4']]) {
      await openForm(page, '#/case/c-7f3a0001/log');
      await page.getByLabel('What happened').selectOption({ label: what });
      await fillDate(page, [Number(day), 11, 2025]);
    }
    await submitTogether(a.page, b.page);
    const logged = await storedWhen(a.page, (cases) => cases[0].events.length === events + 2);
    assert.equal(logged[0].events.length, events + 2, `trial ${trial}: both events kept`);

    // One case renamed in both. Either the second write met the first (it
    // wrote nothing, and its tab says which change was not saved), or its
    // tab had taken the first in before its own change (then both were
    // written, one after the other). Each write is heard on the app's channel.
    const names = [`Same A ${trial}`, `Same B ${trial}`];
    await renameForms(pages, 'c-7f3a0002', names);
    await a.page.evaluate(() => {
      window.heard = [];
      window.listener ??= new BroadcastChannel('ehc-timeline');
      window.listener.onmessage = (event) => window.heard.push(event.data);
    });
    await submitTogether(a.page, b.page);
    const { kept } = await keptAndShown(pages, names);
    assert.ok(names.includes(kept), `trial ${trial}: ${kept}`);
    const writes = await writesHeard(a.page);
    const told = await toldNotSaved(kept === `Same A ${trial}` ? b.page : a.page, kept);
    assert.ok(writes >= 2 || told === 1, `trial ${trial}: one write (${writes}) and nothing told`);
  }
  await screenshot(b.page, 'safety-08-tabs-same-instant', b.errors);
  await a.context.close();
});

test("a change made while another tab's write is read in is never saved over it, and each tab's next change is kept", async () => {
  const { a, b } = await twoTabs();
  const pages = [a.page, b.page];
  // Both tabs slowed, as on a busy machine.
  for (const page of pages) {
    const cdp = await a.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  const TRIALS = 3;
  for (let trial = 1; trial <= TRIALS; trial += 1) {
    // Tab A saves its name for the case the instant it hears that tab B
    // saved one (its listener hears after the app's own, which has started
    // reading B's write in): A's change is made while it reads.
    const names = [`Same A ${trial}`, `Same B ${trial}`];
    await renameForms(pages, 'c-7f3a0002', names);
    await a.page.evaluate(() => {
      window.heard = [];
      window.listener ??= new BroadcastChannel('ehc-timeline');
      window.listener.onmessage = (event) => {
        if (window.heard.push(event.data) === 1) document.querySelector('main form button[type=submit]').click();
      };
    });
    await b.page.evaluate(() => document.querySelector('main form button[type=submit]').click());
    const { kept, shown } = await keptAndShown(pages, names);
    assert.ok(names.includes(kept), `trial ${trial}: ${kept}`);
    assert.deepEqual(shown, [kept, kept], `trial ${trial}: both tabs show what is stored`);
    // Either A's change came after it took B's in (both written, one after
    // the other), or it was not written and A says so.
    const writes = await writesHeard(a.page);
    const told = await toldNotSaved(a.page, kept);
    assert.ok(kept === names[0] ? writes >= 2 : told === 1, `trial ${trial}: ${kept} kept, ${writes} writes heard, told ${told}`);

    // Then each tab changes a different case in the same instant.
    await renameTwoCases(pages, trial);
  }
  await screenshot(b.page, 'safety-08b-tabs-reading-in', b.errors);
  await a.context.close();
});

test('2,000 cases, more than localStorage could hold, import and are all there after a reload', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  const template = JSON.parse(await fixture('case-file-ehc-timeline-1.json')).cases[0];
  const cases = Array.from({ length: 2000 }, (_, i) => ({
    ...template,
    id: `c-${String(i).padStart(5, '0')}`,
    child: `Child ${i}`,
    // Long notes, as advocates write: 2,000 cases of about 3 KB each.
    events: template.events.slice(0, 3).map((event) => ({ ...event, note: `${'Spoke to the school. '.repeat(45)}${i}` })),
  }));
  const file = JSON.stringify({ format: 'ehc-timeline/1', cases });
  assert.ok(file.length > 5 * 1024 * 1024, `${file.length} characters: more than localStorage's 5 MB`);
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.getByRole('heading', { name: 'This will add 2000 cases and replace 0 cases' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  const stored = await storedWhen(page, (found) => found.length === 2000);
  assert.equal(stored.length, 2000);
  await page.reload();
  // The list draws its first 200 cases, in the order chosen, and the rest
  // 200 at a time on request, in the same order as one list of all 2,000.
  const table = page.getByRole('table', { name: 'Your cases' });
  await page.getByText('Showing the first 200 of 2,000 cases. 1,800 more cases are not shown.').waitFor();
  assert.equal(await table.locator('tbody tr').count(), 200);
  const first = await table.locator('tbody tr th').allInnerTexts();
  await screenshot(page, 'safety-09-2000-cases', errors);
  for (let shown = 200; shown < 2000; shown += 200) {
    await page.getByRole('button', { name: 'Show 200 more cases' }).click();
    await table.locator('tbody tr').nth(shown + 199).waitFor();
  }
  await page.getByRole('link', { name: 'Child 1999', exact: true }).waitFor();
  assert.equal(await table.locator('tbody tr').count(), 2000);
  assert.equal(await page.getByRole('button', { name: /^Show \d+ more cases?$/ }).count(), 0, 'no more to show');
  assert.equal(await page.getByText(/Showing the first/).count(), 0);
  const all = await table.locator('tbody tr th').allInnerTexts();
  assert.deepEqual(all.slice(0, 200), first, 'the first page is the start of the whole list');
  const sorted = all.map((name) => name.toLowerCase()).sort();
  assert.deepEqual(all.map((name) => name.toLowerCase()), sorted, 'every case in the order of the list (by name here)');
  assert.deepEqual(await storedCases(page), stored, 'every case as imported');
  await context.close();
});

test('a full disk: the change is not saved, the cases export from the message, and the old data is intact', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await storeAndReload(page, { [KEY]: await fixture('storage-v1.json') });
  const before = await storedRecords(page);
  assert.equal(Object.keys(before).length, 2);
  await page.evaluate(() => {
    window.realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByRole('link', { name: 'A. B.' }).click();
  await rename(page, 'A. B. renamed');
  const message = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await message
    .getByText(
      "Your last change could not be saved on this device: this device's storage for the app is full. What was saved before it is kept.",
    )
    .waitFor();
  await screenshot(page, 'safety-04-not-saved', errors);
  const file = await download(page, message.getByRole('button', { name: 'Export a backup of all cases' }));
  assert.equal(file.name, 'ehc-timeline-all-cases-2025-10-31.json');
  const exported = JSON.parse(file.bytes.toString('utf8'));
  assert.equal(exported.format, 'ehc-timeline/1');
  assert.deepEqual(
    exported.cases.map((c) => c.child),
    ['A. B. renamed', 'C. D.'],
    'the export holds the change that could not be saved',
  );

  await page.evaluate(() => (IDBObjectStore.prototype.put = window.realPut));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'A. B.' }).waitFor();
  assert.deepEqual(await storedRecords(page), before, 'the previous data, byte for byte');
  await context.close();
});

test('unreadable data: kept aside, downloaded exactly as it was, and a backup restored', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  const corrupt = '{"storage_version": 1, "cases": [{"child": "Zoë – 子", ';
  await storeAndReload(page, { [KEY]: corrupt });
  const banner = page.getByRole('region', { name: 'Important' });
  await banner.getByText('The cases saved on this device could not be read').waitFor();
  await banner.getByText('under "ehc-timeline-corrupt-1"').waitFor();
  await screenshot(page, 'safety-05-unreadable', errors);

  const file = await download(page, banner.getByRole('button', { name: 'Download the unreadable data' }));
  assert.equal(file.name, 'ehc-timeline-unreadable-2025-10-31.txt');
  assert.ok(file.bytes.equals(Buffer.from(corrupt, 'utf8')), 'byte for byte');
  assert.equal(await stored(page, 'ehc-timeline-corrupt-1'), corrupt);

  await banner.getByRole('link', { name: 'restore a backup: import a case file you exported' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import a case file' }).waitFor();
  await page.getByLabel('Case file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(await fixture('case-file-ehc-timeline-1.json')),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  await page.getByRole('link', { name: 'A. B.' }).waitFor();
  assert.equal(await stored(page, 'ehc-timeline-corrupt-1'), corrupt, 'still kept aside');
  assert.equal(JSON.parse(await stored(page)).cases.length, 2);
  await context.close();
});

/** Writes `text` as the record of case `id`, as another tab (or a fault) would, unannounced. */
function writeRecord(page, id, text) {
  return page.evaluate(
    ([id, text]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline');
        open.onsuccess = () => {
          const transaction = open.result.transaction('cases', 'readwrite');
          transaction.objectStore('cases').put(text, id);
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    [id, text],
  );
}

const BROKEN_RECORD = '{"rev": 2, "case": {"id": "c-7f3a0002", "child": "C. D.", ';

test('one unreadable record: the other cases load, and it is kept and downloads as it was', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await storeAndReload(page, { [KEY]: await fixture('storage-v1.json') });
  const broken = BROKEN_RECORD;
  await writeRecord(page, 'c-7f3a0002', broken);
  await page.reload();
  const banner = page.getByRole('region', { name: 'Important' });
  await banner.getByText('The cases saved on this device could not be read').waitFor();
  await page.getByRole('link', { name: 'A. B.' }).waitFor();
  const file = await download(page, banner.getByRole('button', { name: 'Download the unreadable data' }));
  assert.ok(file.bytes.equals(Buffer.from(broken, 'utf8')), 'byte for byte');

  // A change to the case that loaded is saved; the unreadable record stays.
  await page.getByRole('link', { name: 'A. B.' }).click();
  await rename(page, 'A. B. renamed');
  let records = await storedRecords(page);
  for (let tries = 0; !records['c-7f3a0001'].includes('renamed') && tries < 100; tries += 1) {
    await page.waitForTimeout(50);
    records = await storedRecords(page);
  }
  assert.equal(records['c-7f3a0002'], broken);
  assert.equal(JSON.parse(records['c-7f3a0001']).case.child, 'A. B. renamed');
  await screenshot(page, 'safety-10-unreadable-record', errors);
  await context.close();
});

/**
 * The app on a browser that says no to persistent storage, holding the
 * storage-v1 fixture and the backup record `backup` (its stored JSON).
 */
async function refusingBrowserWith(backup) {
  const opened = await openApp(app.browser, app.server.url);
  await opened.context.addInitScript(() => {
    navigator.storage.persisted = async () => false;
    navigator.storage.persist = async () => false;
  });
  await storeAndReload(opened.page, {
    [KEY]: await fixture('storage-v1.json'),
    'ehc-timeline-backup': backup,
  });
  return opened;
}

test('the backup reminder after 32 days without an export, and a browser that will not keep the data', async () => {
  const { context, page, errors } = await refusingBrowserWith(
    '{"last_export":"2025-09-29","cases_since":"2025-01-06"}',
  );
  const reminder = page.getByRole('region', { name: 'Back up your cases' });
  await reminder.getByText('You last exported a backup of your cases on 29 September 2025, 32 days ago.').waitFor();
  await reminder.getByText('This browser has not agreed to keep the app\'s data for good').waitFor();
  await screenshot(page, 'safety-06-backup-reminder', errors);

  const file = await download(page, reminder.getByRole('button', { name: 'Export a backup of all cases' }));
  assert.equal(JSON.parse(file.bytes.toString('utf8')).cases.length, 2);
  await reminder.waitFor({ state: 'detached' });
  assert.equal(JSON.parse(await stored(page, 'ehc-timeline-backup')).last_export, '2025-10-31');
  // The date of the export survives a reload.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  assert.equal(await reminder.count(), 0);
  await context.close();
});

test('a browser that will not keep the data, before any reminder is due: a quiet note by the export button', async () => {
  const { context, page, errors } = await refusingBrowserWith('{"cases_since":"2025-10-30"}');
  await page.getByText("This browser has not agreed to keep the app's data for good").waitFor();
  assert.equal(await page.getByRole('region', { name: 'Back up your cases' }).count(), 0, 'no banner yet');
  await screenshot(page, 'safety-07-persistence-note', errors);
  await context.close();
});

test("a case another tab saved in a form this tab cannot read: the change is told as not saved, and the record is left as it is", async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await storeAndReload(page, { [KEY]: await fixture('storage-v1.json') });
  await page.goto(`${app.server.url}#/case/c-7f3a0002`);
  await page.getByRole('heading', { level: 1, name: 'C. D.' }).waitFor();
  await writeRecord(page, 'c-7f3a0002', BROKEN_RECORD);

  await page.getByRole('button', { name: 'Rename case' }).click();
  await page.getByLabel("Child's name or initials").fill('C. D. renamed');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page
    .getByRole('alert')
    .getByText(
      'Your last change could not be saved on this device: another tab or window saved this case in a form this page cannot read.',
    )
    .waitFor();
  assert.equal((await storedRecords(page))['c-7f3a0002'], BROKEN_RECORD, 'left as it is');
  await screenshot(page, 'safety-11-unreadable-in-another-tab', errors);
  await context.close();
});
