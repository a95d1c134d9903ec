// Pooling in the built app: a family shares its case anonymised, and a
// coordinator gathers such files (several at once, with progress) in a pool
// kept apart from their own cases, where a file brought twice counts once,
// and which the council report counts, and the agenda shows, on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { appUnderTest, download, importExample, openApp, screenshot, storedCases } from './support.js';

const app = appUnderTest();

/** The pools table as shown: one line a pool. */
function pools(page) {
  return page.locator('main table').last().evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((row) => [...row.cells].slice(0, 4).map((cell) => cell.textContent.trim()).join(' | ')),
  );
}

/**
 * Everything the pools' database holds, as one text: each key, and each
 * value (sealed bytes read as Latin-1, so any plain text in them shows).
 */
function poolsStored(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline-pools');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('files');
          const files = transaction.objectStore('files');
          const keys = files.getAllKeys();
          const values = files.getAll();
          transaction.oncomplete = () => {
            open.result.close();
            const text = (value) => (ArrayBuffer.isView(value) ? new TextDecoder('latin1').decode(value) : JSON.stringify(value));
            resolve(keys.result.map((key, i) => `${key}\n${text(values.result[i])}`).join('\n'));
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

/** A JSON file to give a file input. */
const json = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

test('a case shared anonymised keeps no name, reference or note, and pools apart from the own cases, once', async () => {
  const { page, errors } = await openApp(app.browser, app.server.url);
  await importExample(page, 'late-assessment');
  await page.getByRole('link', { name: /J\. T\./ }).click();
  await page.getByRole('link', { name: 'Share it anonymised' }).click();
  await page.getByRole('heading', { level: 1, name: 'Share this case anonymised' }).waitFor();
  await page.getByRole('cell', { name: 'Anytown Council' }).waitFor();
  await screenshot(page, '70-share-case', errors);

  const shared = await download(page, page.getByRole('button', { name: 'Download the anonymised case file' }));
  assert.match(shared.name, /^ehc-timeline-j-t-anonymised-2025-10-31\.json$/);
  const original = JSON.parse(await readFile(new URL('../examples/late-assessment.json', import.meta.url), 'utf8'));
  const file = JSON.parse(shared.text);
  for (const kept of ['J. T.', 'EHC/2025/0142', 'SEND team', 'Hill Top Academy', 'Educational psychologist', 'Decision letter', 'c-late', '"e-1"']) {
    assert.ok(!shared.text.includes(kept), `the shared file keeps ${kept}`);
  }
  assert.equal(file.cases[0].local_authority, 'Anytown Council');
  assert.deepEqual(
    file.cases[0].events.map((event) => [event.kind, event.date]),
    original.cases[0].events.map((event) => [event.kind.startsWith('x-') ? 'x-event' : event.kind, event.date]),
    'every milestone kept with its kind and date',
  );

  // A coordinator pools it, with a copy of the same bytes and a broken file.
  await page.goto(`${app.server.url}#/`);
  await page.getByRole('link', { name: 'Pool cases with others' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pool cases with others' }).waitFor();
  await page.getByText('No cases are pooled on this device yet.').waitFor();
  const choose = page.getByLabel('Choose anonymised case files');
  await choose.setInputFiles([json('family-1.json', shared.text)]);
  await page.getByText('Enter a name for the pool').first().waitFor();
  await page.getByLabel('Pool name').fill('Anytown parents');
  await choose.setInputFiles([
    json('family-1.json', shared.text),
    json('family-1-copy.json', shared.text),
    json('notes.json', '{"format": "ehc-timeline/1",\n "cases": [}'),
  ]);
  await page.getByText('Added 1 file with 1 case.').waitFor();
  await page.getByText('family-1-copy.json was already in the pool “Anytown parents”: it was not added again.').waitFor();
  await page.getByText('notes.json was not added: line 2, column 12 (cases[0]): this is not valid JSON: expected value.').waitFor();
  assert.deepEqual(await pools(page), ['Anytown parents | 1 | 1 | 31 October 2025']);
  await screenshot(page, '71-pools', errors);

  // Brought again, the same bytes count once; the own cases never change.
  await choose.setInputFiles([json('again.json', shared.text)]);
  await page.getByText('again.json was already in the pool “Anytown parents”').waitFor();
  assert.deepEqual((await storedCases(page)).map((c) => c.id), ['c-late']);

  // Many files at once show how far the pooling is.
  const many = Array.from({ length: 300 }, (_, n) =>
    json(`f-${n}.json`, JSON.stringify({ format: 'ehc-timeline/1', cases: [{ id: `c-${n}`, local_authority: 'Othertown Council', events: [{ id: 'e-1', kind: 'request-received', date: '2025-01-06' }] }] })),
  );
  await page.getByLabel('Pool name').fill('Othertown');
  await choose.setInputFiles(many);
  await page.getByRole('progressbar').waitFor();
  await page.getByText('Added 300 files with 300 cases.').waitFor({ timeout: 60_000 });
  assert.deepEqual(await pools(page), ['Anytown parents | 1 | 1 | 31 October 2025', 'Othertown | 300 | 300 | 31 October 2025']);

  // The council report counts a pool on its own, never with the own cases.
  await page.goto(`${app.server.url}#/report`);
  await page.getByRole('heading', { level: 1, name: 'Council report' }).waitFor();
  await page.getByText('Counted from 1 case on 31 October 2025.').waitFor();
  await page.getByLabel('Cases counted').selectOption({ label: 'Pool: Othertown (300 cases)' });
  await page.getByText('Counted from 300 cases on 31 October 2025.').waitFor();
  assert.deepEqual(await page.getByLabel('Council').locator('option').allTextContents(), ['Every council', 'Othertown Council']);
  await page.getByText('Time limits at Othertown Council, by the year the clock started').waitFor();

  // The agenda shows a pool on its own too; its rows link to no page, as
  // none of its cases is the user's.
  await page.goto(`${app.server.url}#/agenda`);
  await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
  const count = page.locator('p[role="status"]');
  const own = await count.textContent();
  assert.ok((await page.locator('main table a').count()) > 0, 'the own case links to its page');
  await page.getByLabel('Cases shown').selectOption({ label: 'Pool: Othertown (300 cases)' });
  await page.getByText('Every deadline of the cases of the pool “Othertown”, which other families shared').waitFor();
  await page.locator('main table').first().getByText('Othertown Council').first().waitFor();
  const pooled = Number((await count.textContent()).replace(/[^0-9]/g, ''));
  assert.ok(pooled > 0 && pooled % 300 === 0, `each of the 300 cases has the same deadlines to come: ${pooled}`);
  assert.equal(await page.locator('main table a').count(), 0);
  assert.deepEqual(await page.getByLabel('Council').locator('option').allTextContents(), ['Every council', 'Othertown Council']);
  await screenshot(page, '72-agenda-pool', errors);
  await page.getByLabel('Cases shown').selectOption({ label: 'Your cases' });
  await page.getByText('Every deadline of your cases that are not archived').waitFor();
  assert.equal(await count.textContent(), own);

  await page.goto(`${app.server.url}#/pools`);
  await page.getByRole('heading', { level: 1, name: 'Pool cases with others' }).waitFor();
  await page.getByRole('button', { name: 'Remove the pool Othertown' }).waitFor();

  // Removed after asking; the other pool and the own cases stay.
  await page.getByRole('button', { name: 'Remove the pool Othertown' }).click();
  await page.getByRole('button', { name: 'Yes, remove the pool' }).click();
  await page.getByText('Yes, remove the pool').waitFor({ state: 'detached' });
  assert.deepEqual(await pools(page), ['Anytown parents | 1 | 1 | 31 October 2025']);
  assert.deepEqual((await storedCases(page)).map((c) => c.id), ['c-late']);

  // The pools are sealed, lock or no lock: nothing of a pooled case, not
  // even its file's fingerprint, can be read in their database.
  const pooledJson = JSON.stringify(file.cases[0].events[0]);
  const fingerprint = createHash('sha256').update(shared.text).digest('hex');
  const secrets = ['Anytown', '"local_authority"', '2025-', pooledJson, fingerprint];
  const assertSealed = async () => {
    const stored = await poolsStored(page);
    assert.match(stored, /^p-[0-9a-f]{16}\n/, 'a record under a random id');
    for (const secret of secrets) assert.ok(!stored.includes(secret), `"${secret}" is in the pools in plain text`);
  };
  await assertSealed();
  await page.goto(`${app.server.url}#/lock`);
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  const fields = page.locator('input[type=password]');
  await fields.nth(0).fill('blue kettle on the stairs');
  await fields.nth(1).fill('blue kettle on the stairs');
  await page.getByRole('button', { name: 'Lock my cases' }).click();
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  await assertSealed();

  // Unlocked after a reload, the pool opens again.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor();
  await page.getByLabel('Passphrase').fill('blue kettle on the stairs');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor({ state: 'detached' });
  await page.goto(`${app.server.url}#/pools`);
  await page.getByRole('button', { name: 'Remove the pool Anytown parents' }).waitFor();
  assert.deepEqual(await pools(page), ['Anytown parents | 1 | 1 | 31 October 2025']);
  await assertSealed();
  assert.deepEqual(errors, []);
});

/**
 * Changes the pools' object store in one readwrite transaction, as the app
 * never would: cleared first if `clear`, then each [key, value] put, a value
 * `{ bytes: [...] }` as a Uint8Array (data, not code: the page's CSP allows no eval).
 */
function changePools(page, { clear = false, puts }) {
  return page.evaluate(
    ({ clear, puts }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline-pools');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('files', 'readwrite');
          const files = transaction.objectStore('files');
          if (clear) files.clear();
          for (const [key, value] of puts) files.put(value.bytes ? new Uint8Array(value.bytes) : value, key);
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = transaction.onabort = () => reject(transaction.error);
        };
      }),
    { clear, puts },
  );
}

/** The keys of the pools' records. */
function poolKeys(page) {
  return poolsStored(page).then((text) => text.split('\n').filter((line) => /^[0-9a-z-]{18,64}$/.test(line)));
}

test('a pooled file that cannot be opened is said where the pool is shown, downloads as stored and is removed after asking', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await page.goto(`${app.server.url}#/pools`);
  await page.getByText('No cases are pooled on this device yet.').waitFor();
  await page.getByLabel('Pool name').fill('Othertown');
  const one = { format: 'ehc-timeline/1', cases: [{ id: 'c-1', local_authority: 'Othertown Council', events: [{ id: 'e-1', kind: 'request-received', date: '2025-01-06' }] }] };
  await page.getByLabel('Choose anonymised case files').setInputFiles([json('one.json', JSON.stringify(one))]);
  await page.getByText('Added 1 file with 1 case.').waitFor();
  await changePools(page, { puts: [['p-00aa00aa00aa00aa', { bytes: [7, 1, 250, 3, 9] }]] });

  await page.reload();
  await page.getByRole('heading', { level: 3, name: 'Files that could not be opened' }).waitFor();
  await page.getByText('1 file in the pools could not be opened, so no pool counts it').waitFor();
  assert.deepEqual(await pools(page), ['Othertown | 1 | 1 | 31 October 2025'], 'the pool that opens is shown');
  await screenshot(page, '73-pools-unopened', errors);
  const file = await download(page, page.getByRole('button', { name: 'Download the files that could not be opened' }));
  assert.deepEqual(JSON.parse(file.text), { 'p-00aa00aa00aa00aa': { sealed: '0701fa0309' } });

  for (const [view, select] of [['agenda', 'Cases shown'], ['report', 'Cases counted']]) {
    await page.goto(`${app.server.url}#/${view}`);
    await page.getByLabel(select).selectOption({ label: 'Pool: Othertown (1 case)' });
    await page.getByText('1 file in the pools could not be opened and is left out: it may belong to this pool.').waitFor();
  }

  await page.goto(`${app.server.url}#/pools`);
  await page.getByRole('button', { name: 'Remove the files that could not be opened' }).click();
  await page.getByText('Remove the files that could not be opened from this device?').waitFor();
  await page.getByRole('button', { name: 'Yes, remove the files' }).click();
  await page.getByRole('heading', { level: 3, name: 'Files that could not be opened' }).waitFor({ state: 'detached' });
  assert.deepEqual(await pools(page), ['Othertown | 1 | 1 | 31 October 2025']);
  assert.equal((await poolKeys(page)).length, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs opening the plain pools of before in the same instant seal each file once, every time', async () => {
  const { context, page } = await openApp(app.browser, app.server.url);
  const other = await context.newPage();
  await Promise.all([page.goto(`${app.server.url}#/pools`), other.goto(`${app.server.url}#/pools`)]);
  await page.getByText('No cases are pooled on this device yet.').waitFor();
  const text = JSON.stringify({ format: 'ehc-timeline/1', cases: [{ id: 'c-1', local_authority: 'Northumberland', events: [{ id: 'e-1', kind: 'request-received', date: '2025-01-06' }] }] });
  for (let round = 0; round < 8; round += 1) {
    // Three records as the version before sealing stored them: plain, under the file's hash.
    const record = (n) => ({ pool: 'Northumberland parents', name: `f${n}.json`, added: 739000, cases: 1, text });
    await changePools(page, { clear: true, puts: [1, 2, 3].map((n) => [String(n).repeat(64), record(n)]) });
    await Promise.all([page.reload(), other.reload()]);
    for (const tab of [page, other]) await tab.getByRole('cell', { name: 'Northumberland parents', exact: true }).waitFor();
    const keys = await poolKeys(page);
    assert.equal(keys.length, 3, `round ${round}: each file once (${keys})`);
    assert.ok(keys.every((key) => /^p-[0-9a-f]{16}$/.test(key)), `round ${round}: all sealed`);
    for (const tab of [page, other]) assert.deepEqual((await pools(tab)).map((row) => row.split(' | ').slice(0, 3).join(' | ')), ['Northumberland parents | 3 | 3']);
  }
  await context.close();
});

test('two tabs pooling the same new file in the same instant keep it once, every time', async () => {
  const { context, page } = await openApp(app.browser, app.server.url);
  const other = await context.newPage();
  const text = JSON.stringify({ format: 'ehc-timeline/1', cases: [{ id: 'c-1', local_authority: 'Northumberland', events: [{ id: 'e-1', kind: 'request-received', date: '2025-01-06' }] }] });
  for (let round = 0; round < 8; round += 1) {
    if (round > 0) await changePools(page, { clear: true, puts: [] });
    await Promise.all([page.goto(`${app.server.url}#/pools`), other.goto(`${app.server.url}#/pools`)]);
    await Promise.all([page.reload(), other.reload()]);
    for (const tab of [page, other]) {
      await tab.getByText('No cases are pooled on this device yet.').waitFor();
      await tab.getByLabel('Pool name').fill('Northumberland parents');
    }
    const file = json(`family-${round}.json`, text);
    await Promise.all([page, other].map((tab) => tab.getByLabel('Choose anonymised case files').setInputFiles([file])));
    const said = await Promise.all(
      [page, other].map(async (tab) => {
        const status = tab.locator('div[role="status"]').filter({ hasText: /Added|already/ });
        await status.waitFor();
        return status.textContent();
      }),
    );
    assert.equal(said.filter((text) => text.includes('Added 1 file with 1 case.')).length, 1, `round ${round}: one tab added it (${said})`);
    assert.equal(said.filter((text) => text.includes('was already in the pool “Northumberland parents”')).length, 1, `round ${round}: the other found it kept (${said})`);
    assert.equal((await poolKeys(page)).length, 1, `round ${round}: the file kept once`);
  }
  await context.close();
});

test('while locked, the agenda and the report show a pool the pools part opens and hands them', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await importExample(page, 'late-assessment');
  await page.goto(`${app.server.url}#/pools`);
  await page.getByRole('heading', { level: 1, name: 'Pool cases with others' }).waitFor();
  await page.getByLabel('Pool name').fill('Othertown');
  const file = { format: 'ehc-timeline/1', cases: [{ id: 'c-9', local_authority: 'Othertown Council', events: [{ id: 'e-1', kind: 'request-received', date: '2025-01-06' }] }] };
  await page.getByLabel('Choose anonymised case files').setInputFiles([json('f.json', JSON.stringify(file))]);
  await page.getByText('Added 1 file with 1 case.').waitFor();
  await page.goto(`${app.server.url}#/lock`);
  const fields = page.locator('input[type=password]');
  await fields.nth(0).fill('blue kettle on the stairs');
  await fields.nth(1).fill('blue kettle on the stairs');
  await page.getByRole('button', { name: 'Lock my cases' }).click();
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  await page.reload();
  await page.getByLabel('Passphrase').fill('blue kettle on the stairs');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { level: 1, name: 'Unlock your cases' }).waitFor({ state: 'detached' });

  // Each part asks the pools part, given the lock's key, for the records.
  await page.goto(`${app.server.url}#/agenda`);
  await page.getByLabel('Cases shown').selectOption({ label: 'Pool: Othertown (1 case)' });
  await page.locator('main table').first().getByText('Othertown Council').first().waitFor();
  await page.goto(`${app.server.url}#/report`);
  await page.getByLabel('Cases counted').selectOption({ label: 'Pool: Othertown (1 case)' });
  await page.getByText('Counted from 1 case on 31 October 2025.').waitFor();
  assert.equal(await page.getByText('could not be opened').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
