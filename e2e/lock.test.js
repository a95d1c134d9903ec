// End-to-end: the passphrase lock, as a parent would use it. The cases are
// locked, the browser's storage is read to check nothing is left in plain
// text, the page is reloaded and unlocked, a file is exported, the passphrase
// is changed and the lock removed; two locked tabs save in the same instant,
// a tab is closed right after a save, and copies kept aside are deleted
// with the lock. The browser's date is 31 October 2025.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  addCase,
  appUnderTest,
  download,
  everythingStored,
  fillDate,
  logMilestone,
  openApp,
  screenshot,
  storedCases,
  storedObjects,
  storedRecords,
} from './support.js';

const app = appUnderTest();

const PASSPHRASE = 'blue kettle on the stairs';
const NEW_PASSPHRASE = 'seven green owls at noon';
const WARNING =
  'If you forget this passphrase, nobody can get your cases back: not us, not anyone. Export a copy first.';

/** What the app keeps in localStorage. */
function stored(page) {
  return page.evaluate(() => localStorage.getItem('ehc-timeline'));
}

/**
 * Asserts the cases are locked record by record in the browser's database,
 * and none of `secrets` can be read anywhere the app stores anything;
 * returns the lock's header.
 */
async function assertLocked(page, secrets) {
  const meta = await storedObjects(page, 'meta');
  assert.equal(meta.storage_version, 4);
  const header = JSON.parse(meta.lock);
  assert.deepEqual(Object.keys(header), ['kdf', 'iterations', 'cipher', 'salt', 'secret']);
  assert.equal(header.kdf, 'PBKDF2-SHA-256');
  assert.equal(header.cipher, 'AES-256-GCM');
  assert.equal(header.iterations, 600000);
  for (const [key, text] of Object.entries(await storedRecords(page))) {
    assert.match(key, /^[0-9a-f]{64}$/, 'a key that names nothing');
    assert.deepEqual(Object.keys(JSON.parse(text)), ['rev', 'sealed']);
  }
  assert.equal(await stored(page), null, 'no value of the cases in localStorage');
  const everything = await everythingStored(page);
  for (const secret of secrets) assert.ok(!everything.includes(secret), `"${secret}" is stored in plain text`);
  return header;
}

/** On the Unlock page: types `passphrase` and presses "Unlock". */
async function unlockWith(page, passphrase) {
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** On the lock page: types a new passphrase twice and presses `button`. */
async function choosePassphrase(page, passphrase, again, button) {
  const fields = page.locator('input[type=password]');
  await fields.nth(0).fill(passphrase);
  await fields.nth(1).fill(again);
  await page.getByRole('button', { name: button }).click();
}

test('a parent locks the cases with a passphrase, unlocks them after a reload, exports, changes and removes the lock', async () => {
  const { context, page, errors, requests } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Maya Patel', council: 'Anytown Council' });
  await logMilestone(page, 'Request for an assessment received by the council', [1, 9, 2025], { note: 'Spoke to Mrs Jones at school.' });
  await page.getByRole('link', { name: 'Back to your cases' }).click();

  // The case list leads to the lock.
  await page.getByRole('heading', { level: 2, name: 'Lock with a passphrase' }).waitFor();
  await page.getByRole('link', { name: 'Lock your cases' }).click();
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  assert.equal(await page.title(), 'Lock with a passphrase – EHC Timeline');
  await page.getByText(WARNING).waitFor();
  await screenshot(page, '50-lock-off', errors);

  // Two passphrases that differ are refused, and nothing is locked.
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(`${PASSPHRASE}!`);
  await page.getByRole('button', { name: 'Lock my cases' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByRole('link', { name: 'The two passphrases are not the same' }).waitFor();
  assert.equal((await storedCases(page))[0].child, 'Maya Patel', 'still stored as before');
  await screenshot(page, '51-lock-passphrases-differ', errors);

  await choosePassphrase(page, PASSPHRASE, PASSPHRASE, 'Lock my cases');
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  await assertLocked(page, ['Maya', 'Patel', 'Mrs Jones', 'Anytown', 'request-received']);
  await screenshot(page, '52-locked', errors);

  // After a reload, the Unlock page comes first and shows nothing of the cases.
  requests.length = 0;
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor();
  // The first module asks only the part that keeps the locked store, and
  // the lock's part, whose Unlock page it is: never the app again.
  const parts = (list) => [...new Set(list.filter((path) => path.includes('/part-')).map((path) => path.replace(/^.*\/part-|[._].*$/g, '')))].sort();
  assert.deepEqual(parts(requests), ['lock', 'locked']);
  assert.equal(await page.title(), 'Unlock your cases – EHC Timeline');
  assert.ok(!(await page.locator('body').innerText()).includes('Maya'));
  await screenshot(page, '53-unlock', errors);

  await unlockWith(page, 'blue kettle on the stair');
  const refused = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await refused.getByRole('link', { name: 'The passphrase is not right' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  assert.match(await page.locator('.form-group').innerText(), /Error:\s*The passphrase is not right/);
  await screenshot(page, '54-unlock-wrong-passphrase', errors);

  // The page of the address comes back once unlocked: the lock page.
  await unlockWith(page, PASSPHRASE);
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Maya Patel' }).click();

  // A change is saved, locked.
  await logMilestone(page, 'Council decided to assess', [20, 10, 2025], { note: 'The decision letter came by post.' });
  await page.getByText('Met 7 days late', { exact: true }).waitFor();
  await assertLocked(page, ['Maya', 'decision letter', 'decision-to-assess']);

  // Exports are plain files, as without the lock.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export this case' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'ehc-timeline-maya-patel-2025-10-31.json');
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(file.format, 'ehc-timeline/1');
  assert.equal(file.cases[0].child, 'Maya Patel');
  assert.deepEqual(
    file.cases[0].events.map((event) => event.note),
    ['Spoke to Mrs Jones at school.', 'The decision letter came by post.'],
  );

  // A new passphrase: the old one no longer unlocks.
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByText('Your cases are locked with a passphrase.').waitFor();
  await page.getByRole('link', { name: 'Change or remove the passphrase' }).click();
  await page.getByRole('heading', { level: 2, name: 'Change the passphrase' }).waitFor();
  await screenshot(page, '55-lock-on', errors);
  const before = await assertLocked(page, []);
  const sealed = Object.values(await storedRecords(page));
  await choosePassphrase(page, NEW_PASSPHRASE, NEW_PASSPHRASE, 'Change the passphrase');
  await page.getByRole('alert').filter({ hasText: 'The passphrase is changed' }).waitFor();
  assert.notEqual((await assertLocked(page, ['Maya'])).salt, before.salt, 'a new salt');
  const resealed = Object.values(await storedRecords(page));
  assert.equal(resealed.length, sealed.length);
  assert.ok(resealed.every((text) => !sealed.includes(text)), 'every record encrypted anew');
  await page.reload();
  await unlockWith(page, PASSPHRASE);
  await refused.getByRole('link', { name: 'The passphrase is not right' }).waitFor();
  await unlockWith(page, NEW_PASSPHRASE);
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();

  // Removing the lock stores the cases in plain text again.
  await page.getByRole('button', { name: 'Remove the lock' }).click();
  await page.getByRole('alert').filter({ hasText: 'The lock is removed' }).waitFor();
  await screenshot(page, '56-lock-removed', errors);
  const plain = await storedCases(page);
  assert.equal(plain[0].child, 'Maya Patel');
  assert.equal(plain[0].events.length, 2);
  assert.deepEqual(Object.keys(await storedRecords(page)), [plain[0].id], 'keyed by case id again');
  const meta = await storedObjects(page, 'meta');
  assert.equal(meta.storage_version, 3);
  assert.equal(meta.lock, undefined);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  await page.getByText('With a lock, your cases are stored on this device encrypted').waitFor();
  assert.equal((await storedCases(page))[0].events.length, 2);
  assert.equal(await stored(page), null);
  await context.close();
});

test('two tabs: locking in one is told in the other, which then writes nothing', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Sam Lee', council: 'Anytown Council' });

  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByRole('heading', { level: 1, name: 'Sam Lee' }).waitFor();

  await page.goto(`${app.server.url}#/lock`);
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  await choosePassphrase(page, PASSPHRASE, PASSPHRASE, 'Lock my cases');
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  await assertLocked(page, ['Sam Lee']);
  const locked = await everythingStored(page);

  await other
    .getByText('The lock on your cases was set, changed or removed in another tab or window. Reload this page to carry on.')
    .waitFor();
  await screenshot(other, '57-locked-in-another-tab', errors);
  // A change here stays on this page: the lock is not written over.
  await other.getByRole('button', { name: 'Archive case' }).click();
  await other.getByRole('heading', { level: 1, name: 'Your cases', exact: true }).waitFor();
  assert.equal(await everythingStored(other), locked);
  await context.close();
});

/** A page of its own in `context`, unlocked with `passphrase` at `hash`. */
async function unlockedPage(context, hash, passphrase = PASSPHRASE) {
  const page = await context.newPage();
  await page.goto(`${app.server.url}${hash}`);
  await unlockWith(page, passphrase);
  await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor({ state: 'detached' });
  return page;
}

/** Locks the cases from the lock page with `passphrase`. */
async function lockFromPage(page, passphrase = PASSPHRASE) {
  await page.goto(`${app.server.url}#/lock`);
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  await choosePassphrase(page, passphrase, passphrase, 'Lock my cases');
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
}

/** The case `name` as exported from its case page: every event. */
async function exported(page, name) {
  await page.goto(`${app.server.url}#/`);
  await page.getByRole('link', { name }).click();
  const file = await download(page, page.getByRole('button', { name: 'Export this case' }));
  return JSON.parse(file.text).cases[0];
}

/** The revision of the one record stored, readable without the key. */
async function revision(page) {
  const [text] = Object.values(await storedRecords(page));
  return JSON.parse(text).rev;
}

/** Presses the submit button of each page's form in the same instant. */
const submitTogether = (...pages) =>
  Promise.all(pages.map((page) => page.evaluate(() => document.querySelector('main form button[type=submit]').click())));

test('two locked tabs adding events to one case in the same instant keep both, every time', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Ava Stone', council: 'Anytown Council' });
  const caseHash = new URL(page.url()).hash;
  await lockFromPage(page);
  const a = await unlockedPage(context, caseHash);
  const b = await unlockedPage(context, caseHash);
  await page.close();
  const TRIALS = 5;
  let rev = await revision(a);
  for (let trial = 1; trial <= TRIALS; trial += 1) {
    for (const [tab, what, day] of [[a, 'Letter', trial], [b, 'Phone call', trial + 10]]) {
      await tab.goto(`${app.server.url}${caseHash}/log`);
      await tab.locator('main form button[type=submit]').waitFor();
      await tab.getByLabel('What happened').selectOption({ label: what });
      await fillDate(tab, [day, 10, 2025]);
    }
    await submitTogether(a, b);
    // Both written: the write that met the other's merged it in first.
    for (let tries = 0; tries < 100 && (await revision(a)) < rev + 2; tries += 1) await a.waitForTimeout(50);
    assert.ok((await revision(a)) >= rev + 2, `trial ${trial}: two writes`);
    rev = await revision(a);
  }
  await assertLocked(a, ['Ava Stone', 'Anytown']);
  const kept = await exported(a, 'Ava Stone');
  assert.equal(kept.events.length, 2 * TRIALS, 'every event of every trial kept');
  await screenshot(b, '58-locked-tabs-merged', errors);
  await context.close();
});

test('a tab closed right after a save keeps the save, locked or not', async () => {
  const { context, page } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Noah Reid', council: 'Anytown Council' });
  const caseHash = new URL(page.url()).hash;
  await logMilestone(page, 'Request for an assessment received by the council', [1, 9, 2025]);
  await page.close();
  const reopened = await context.newPage();
  await reopened.goto(`${app.server.url}${caseHash}`);
  await reopened.getByRole('heading', { level: 1, name: 'Noah Reid' }).waitFor();
  assert.equal((await storedCases(reopened))[0].events.length, 1);

  await lockFromPage(reopened);
  await reopened.close();
  const locked = await unlockedPage(context, caseHash);
  await logMilestone(locked, 'Council decided to assess', [20, 10, 2025], { note: 'Closed at once.' });
  await locked.close();
  const again = await unlockedPage(context, caseHash);
  const kept = await exported(again, 'Noah Reid');
  assert.deepEqual(kept.events.map((event) => event.note ?? null), [null, 'Closed at once.']);
  await context.close();
});

test('locking deletes, once agreed, every copy kept aside, and nothing of the cases is left readable', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  const fixture = await readFile(new URL('../tests/fixtures/storage-v1.json', import.meta.url), 'utf8');
  // The cases of an earlier version (moved in, and kept as they were), and
  // a value that could not be read, kept aside.
  await page.evaluate(
    (fixture) => {
      localStorage.setItem('ehc-timeline', fixture);
      localStorage.setItem('ehc-timeline-corrupt-1', '{"cases": [{"child": "Lily Evans", "note');
    },
    fixture,
  );
  await page.reload();
  await page.getByRole('link', { name: 'A. B.' }).waitFor();
  const secrets = ['A. B.', 'C. D.', 'Lily Evans', 'Emailed by the school SENCO', 'c-7f3a0001'];
  assert.ok((await everythingStored(page)).includes('Emailed by the school SENCO'), 'kept aside in plain text');

  await page.goto(`${app.server.url}#/lock`);
  await page.getByRole('heading', { level: 2, name: 'Copies kept aside' }).waitFor();
  await page.getByText('This device also keeps 2 copies of your data set aside').waitFor();
  const copy = await download(page, page.getByRole('button', { name: 'Download copy 2' }));
  assert.match(copy.text, /Lily Evans/);
  await choosePassphrase(page, PASSPHRASE, PASSPHRASE, 'Lock my cases');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByRole('link', { name: 'Tick the box to agree that the copies kept aside are deleted' }).waitFor();
  assert.ok((await everythingStored(page)).includes('Lily Evans'), 'nothing changed');
  await screenshot(page, '59-lock-copies-kept-aside', errors);

  await page.getByLabel('Delete the copies kept aside').check();
  await page.getByRole('button', { name: 'Lock my cases' }).click();
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  await assertLocked(page, secrets);
  await page.getByRole('heading', { level: 2, name: 'Copies kept aside' }).waitFor({ state: 'detached' });
  await page.reload();
  await unlockWith(page, PASSPHRASE);
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  await page.goto(`${app.server.url}#/`);
  await page.getByRole('link', { name: 'A. B.' }).waitFor();
  await context.close();
});

test('locking 1,000 cases says how far the rewrite has come, then every case is sealed', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  const template = JSON.parse(
    await readFile(new URL('../tests/fixtures/case-file-ehc-timeline-1.json', import.meta.url), 'utf8'),
  ).cases[0];
  const cases = Array.from({ length: 1000 }, (_, i) => ({
    ...template,
    id: `c-${String(i).padStart(4, '0')}`,
    child: `Child ${i}`,
  }));
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({
    name: 'many.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'ehc-timeline/1', cases })),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Showing the first 200 of 1,000 cases. 800 more cases are not shown.').waitFor();
  await page.getByRole('link', { name: 'Lock your cases' }).click();
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();

  // A slow phone: the sealing of 1,000 records takes well over 200 ms.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await choosePassphrase(page, PASSPHRASE, PASSPHRASE, 'Lock my cases');
  const progress = page.getByRole('status').filter({ hasText: /^Rewriting your cases for the lock: \d+% done\. Keep this page open until it finishes\.$/ });
  await progress.waitFor();
  await screenshot(page, '57-lock-progress', errors);
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  assert.equal(await progress.count(), 0, 'the progress goes once the cases are locked');
  await assertLocked(page, ['Child 1']);
  assert.equal(Object.keys(await storedRecords(page)).length, 1000);
  await context.close();
});

/** Writes `value` under `key` in the object store `store` of the app's database, as damage would. */
function putStored(page, store, key, value) {
  return page.evaluate(
    ([store, key, value]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction(store, 'readwrite');
          transaction.objectStore(store).put(value, key);
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    [store, key, value],
  );
}

test('a lock that cannot be read downloads exactly as stored, is kept aside, and the app starts afresh or imports a backup', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  const keptAside = (n) => page.evaluate((n) => localStorage.getItem(`ehc-timeline-corrupt-${n}`), n);
  await addCase(page, { child: 'Maya Patel', council: 'Anytown Council' });
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByRole('link', { name: 'Lock your cases' }).click();
  await choosePassphrase(page, PASSPHRASE, PASSPHRASE, 'Lock my cases');
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();

  // The lock's header in the database is damaged: no passphrase can open it.
  const records = await storedRecords(page);
  const damaged = (await storedObjects(page, 'meta')).lock.replace('"salt"', '"sal');
  await putStored(page, 'meta', 'lock', damaged);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your cases cannot be unlocked' }).waitFor();
  await page.getByText(/cannot be read \(it is not JSON/).waitFor();
  assert.equal(await page.getByLabel('Passphrase').count(), 0, 'not a passphrase to retype');
  await screenshot(page, '60-lock-damaged', errors);
  const file = await download(page, page.getByRole('button', { name: 'Download the damaged data' }));
  assert.equal(file.name, 'ehc-timeline-unreadable-2025-10-31.txt');
  assert.deepEqual(JSON.parse(file.text), { lock: damaged, records }, 'the header and every sealed record as stored');

  // Start afresh: the damaged data is kept aside first, then the app works.
  await page.getByRole('button', { name: 'Start afresh' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases', exact: true }).waitFor();
  assert.equal(await keptAside(1), file.text);
  assert.deepEqual(await storedRecords(page), {});
  assert.equal((await storedObjects(page, 'meta')).lock, undefined);
  await addCase(page, { child: 'Sam Lee', council: 'Anytown Council' });
  await page.goto(`${app.server.url}#/`);
  await page.reload();
  await page.getByRole('link', { name: 'Sam Lee' }).waitFor();

  // An old locked value in localStorage that cannot be read: import a backup.
  const envelope =
    '{"storage_version":2,"encrypted":{"kdf":"PBKDF2-SHA-256","iterations":600000,"cipher":"AES-256-GCM","salt":"AAAA","iv":"AAAA","ciphertext":"AAAA"}}';
  await page.evaluate((envelope) => localStorage.setItem('ehc-timeline', envelope), envelope);
  await page.reload();
  await page.getByText('"ciphertext" is 3 bytes, shorter than its 16-byte tag', { exact: false }).waitFor();
  const old = await download(page, page.getByRole('button', { name: 'Download the damaged data' }));
  assert.equal(old.text, envelope);
  await page.getByRole('button', { name: 'Import a backup' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import a case file' }).waitFor();
  assert.equal(await keptAside(2), envelope);
  assert.equal(await stored(page), null);
  const backup = await readFile(new URL('../examples/two-children.json', import.meta.url));
  await page.getByLabel('Case file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  for (const child of ['A. B.', 'C. B.', 'Sam Lee']) await page.getByRole('link', { name: child }).waitFor();
  assert.equal(await keptAside(1), file.text, 'both copies still kept');
  await context.close();
});

/**
 * On the lock page: the one copy kept aside in the database downloads as
 * `bytes`, exactly as stored; setting the lock, once agreed, deletes it.
 */
async function lockDeletingTheCopy(page, bytes) {
  await page.goto(`${app.server.url}#/lock`);
  await page.getByRole('heading', { level: 2, name: 'Copies kept aside' }).waitFor();
  const copy = await download(page, page.getByRole('button', { name: 'Download copy 1' }));
  assert.ok(copy.bytes.equals(bytes), 'the copy exactly as stored');
  await page.getByLabel('Delete the copies kept aside').check();
  await choosePassphrase(page, PASSPHRASE, PASSPHRASE, 'Lock my cases');
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  assert.equal((await storedObjects(page, 'meta'))['ehc-timeline-corrupt-1'], undefined);
}

test('a damaged lock too large for localStorage starts afresh, kept aside in the database and downloadable byte for byte', async () => {
  const { context, page } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Maya Patel', council: 'Anytown Council' });
  await page.goto(`${app.server.url}#/lock`);
  await choosePassphrase(page, PASSPHRASE, PASSPHRASE, 'Lock my cases');
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();

  // A damaged header, and a record more than localStorage holds (about 5 MB).
  const damaged = (await storedObjects(page, 'meta')).lock.replace('"salt"', '"sal');
  await putStored(page, 'meta', 'lock', damaged);
  await putStored(page, 'cases', 'zz-large', 'x'.repeat(6_000_000));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your cases cannot be unlocked' }).waitFor();
  const file = await download(page, page.getByRole('button', { name: 'Download the damaged data' }));
  assert.equal(JSON.parse(file.text).records['zz-large'].length, 6_000_000);

  await page.getByRole('button', { name: 'Start afresh' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases', exact: true }).waitFor();
  assert.deepEqual(await storedRecords(page), {});
  const meta = await storedObjects(page, 'meta');
  assert.equal(meta.lock, undefined);
  assert.equal(meta['ehc-timeline-corrupt-1'], file.text, 'kept aside in the database, cleared in the same transaction');
  assert.equal(await page.evaluate(() => localStorage.getItem('ehc-timeline-corrupt-1')), null);

  // Offered afterwards on the lock page, byte for byte, and deleted once agreed when locking.
  await lockDeletingTheCopy(page, file.bytes);
  await context.close();
});

test('a plain record too large for localStorage that cannot be read is kept aside in the database, every other case loads, and locking deletes it', async () => {
  const { context, page } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Maya Patel', council: 'Anytown Council' });
  const large = `{"rev": 1, "case": ${'x'.repeat(6_000_000)}`;
  await putStored(page, 'cases', 'zz-large', large);
  await page.reload();
  const banner = page.getByRole('region', { name: 'Important' });
  await banner.getByText('under "ehc-timeline-corrupt-1"').waitFor();
  await page.goto(`${app.server.url}#/`);
  await page.getByRole('link', { name: 'Maya Patel' }).waitFor();
  const file = await download(page, banner.getByRole('button', { name: 'Download the unreadable data' }));
  assert.ok(file.bytes.equals(Buffer.from(large, 'utf8')), 'byte for byte');
  assert.equal((await storedObjects(page, 'meta'))['ehc-timeline-corrupt-1'], large, 'kept aside in the database');
  assert.equal(await page.evaluate(() => localStorage.getItem('ehc-timeline-corrupt-1')), null);
  assert.equal((await storedRecords(page))['zz-large'], large, 'left where it was');

  // Another start finds the same copy, and keeps no second.
  await page.reload();
  await banner.getByText('under "ehc-timeline-corrupt-1"').waitFor();
  assert.equal((await storedObjects(page, 'meta'))['ehc-timeline-corrupt-2'], undefined);

  // Offered on the lock page byte for byte; locking seals every case and,
  // once agreed, deletes the record and its copy.
  await lockDeletingTheCopy(page, file.bytes);
  await assertLocked(page, ['Maya Patel', 'x'.repeat(1_000)]);
  await context.close();
});

test('plain cases saved beside the locked store, at a start when the database could not be opened, are kept aside, told and can be imported', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Maya Patel', council: 'Anytown Council' });
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByRole('link', { name: 'Lock your cases' }).click();
  await choosePassphrase(page, PASSPHRASE, PASSPHRASE, 'Lock my cases');
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  const fixture = await readFile(new URL('../tests/fixtures/storage-v1.json', import.meta.url), 'utf8');
  await page.evaluate((fixture) => localStorage.setItem('ehc-timeline', fixture), fixture);

  // The locked store wins: the passphrase is asked, the plain value kept aside.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor();
  await page.getByText('This browser also held cases saved outside the lock').waitFor();
  await screenshot(page, '61-unlock-plain-beside', errors);
  assert.equal(await stored(page), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('ehc-timeline-corrupt-1')), fixture);
  await unlockWith(page, PASSPHRASE);
  await page.getByRole('heading', { level: 2, name: 'Copies kept aside' }).waitFor();
  const copy = await download(page, page.getByRole('button', { name: 'Download copy 1' }));
  assert.equal(copy.text, fixture);
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByRole('link', { name: 'Maya Patel' }).waitFor();
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({ name: copy.name, mimeType: 'text/plain', buffer: copy.bytes });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  // C. D. is archived, so not listed; all three are stored.
  for (const child of ['Maya Patel', 'A. B.']) await page.getByRole('link', { name: child }).waitFor();
  await assertLocked(page, []);
  assert.equal(Object.keys(await storedRecords(page)).length, 3, 'the imported cases are saved under the lock');
  await context.close();
});
