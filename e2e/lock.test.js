// End-to-end: the passphrase lock, as a parent would use it. The cases are
// locked, the browser's storage is read to check nothing is left in plain
// text, the page is reloaded and unlocked, a file is exported, the passphrase
// is changed and the lock removed. The browser's date is 31 October 2025.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { addCase, appUnderTest, logMilestone, openApp, screenshot, storedCases, storedRecords } from './support.js';

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
 * Asserts the stored value is locked and none of `secrets` can be read in it,
 * and that no case is left in the browser's database.
 */
async function assertLocked(page, secrets) {
  assert.deepEqual(await storedRecords(page), {}, 'no readable record left in IndexedDB');
  const text = await stored(page);
  const value = JSON.parse(text);
  assert.equal(value.storage_version, 2);
  assert.deepEqual(Object.keys(value), ['storage_version', 'encrypted']);
  assert.equal(value.encrypted.kdf, 'PBKDF2-SHA-256');
  assert.equal(value.encrypted.cipher, 'AES-256-GCM');
  assert.equal(value.encrypted.iterations, 600000);
  for (const secret of secrets) assert.ok(!text.includes(secret), `"${secret}" is stored in plain text`);
  return value;
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
  const { context, page, errors } = await openApp(app.browser, app.server.url);
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
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor();
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
  const before = (await assertLocked(page, [])).encrypted.salt;
  await choosePassphrase(page, NEW_PASSPHRASE, NEW_PASSPHRASE, 'Change the passphrase');
  await page.getByRole('alert').filter({ hasText: 'The passphrase is changed' }).waitFor();
  assert.notEqual((await assertLocked(page, ['Maya'])).encrypted.salt, before, 'a new salt');
  await page.reload();
  await unlockWith(page, PASSPHRASE);
  await refused.getByRole('link', { name: 'The passphrase is not right' }).waitFor();
  await unlockWith(page, NEW_PASSPHRASE);
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();

  // Removing the lock stores the cases in plain text again.
  await page.getByRole('button', { name: 'Remove the lock' }).click();
  await page.getByRole('alert').filter({ hasText: 'The lock is removed' }).waitFor();
  await screenshot(page, '56-lock-removed', errors);
  const plain = JSON.parse(await stored(page));
  assert.equal(plain.storage_version, 1);
  assert.equal(plain.cases[0].child, 'Maya Patel');
  assert.equal(plain.cases[0].events.length, 2);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  await page.getByText('With a lock, your cases are stored on this device encrypted').waitFor();
  // Unlocked, the cases move back into the browser's database.
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
  const locked = await assertLocked(page, ['Sam Lee']);

  await other
    .getByText('Your cases were locked with a passphrase in another tab or window. Reload this page to unlock them.')
    .waitFor();
  await screenshot(other, '57-locked-in-another-tab', errors);
  // A change here stays on this page: the lock is not written over.
  await other.getByRole('button', { name: 'Archive case' }).click();
  await other.getByRole('heading', { level: 1, name: 'Your cases', exact: true }).waitFor();
  assert.deepEqual(JSON.parse(await stored(other)), locked);
  await context.close();
});
