// End-to-end: the documents a family keeps with its milestones. A PDF and a
// PNG are added to two events (chosen, and dropped), opened and downloaded
// byte for byte, kept over a reload and under the lock (nothing readable in
// the browser's database; the bundle made from them while locked), a file
// over 50 MB and one over the quota are refused with nothing changed, and a
// removal is undone. The browser's date is 31 October 2025.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addCase,
  appUnderTest,
  download,
  logMilestone,
  openApp,
  screenshot,
  solidPng,
  tinyPdf,
  untilStored,
} from './support.js';

const app = appUnderTest();

const PASSPHRASE = 'blue kettle on the stairs';
const PDF = tinyPdf('EP report for Maya', 2);
const PNG = solidPng(60, 40, [200, 30, 30]);

/** Every value of the object store `store` of the documents' database, as bytes. */
function storedDocuments(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline-documents');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(store).objectStore(store).getAll();
          const keys = open.result.transaction(store).objectStore(store).getAllKeys();
          request.onsuccess = () =>
            keys.onsuccess = () => {
              open.result.close();
              resolve(keys.result.map((key, i) => [key, Array.from(new Uint8Array(request.result[i]))]));
            };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/** Opens the documents page of the event the case page lists as `what`. */
async function documentsOf(page, what) {
  const event = page.locator('li.event').filter({ hasText: what });
  await event.getByRole('link', { name: /documents/i }).click();
  await page.getByRole('heading', { level: 1, name: /^Documents: / }).waitFor();
}

/** Drops `files` ({ name, type, bytes }) on the documents page's drop zone. */
async function drop(page, files) {
  const transfer = await page.evaluateHandle((files) => {
    const data = new DataTransfer();
    for (const { name, type, bytes, size } of files) {
      const content = bytes ? new Uint8Array(bytes) : new Uint8Array(size);
      data.items.add(new File([content], name, { type }));
    }
    return data;
  }, files);
  await page.locator('.form-group').filter({ has: page.getByLabel('Choose files') }).dispatchEvent('drop', { dataTransfer: transfer });
}

test('a parent keeps a PDF and a picture with milestones, opens and downloads them, reloads, locks and unlocks', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Maya Patel', council: 'Anytown Council', reference: 'EHC/77' });
  await logMilestone(page, 'Request for an assessment received by the council', [6, 1, 2025]);
  await logMilestone(page, 'Council decided to assess', [3, 3, 2025]);

  // A PDF chosen in the file picker.
  await documentsOf(page, 'Request for an assessment received');
  await page.getByText('No documents are kept with this milestone yet.').waitFor();
  await page.getByLabel('Choose files').setInputFiles({ name: 'ep-report.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByText('Added “ep-report.pdf”.').waitFor();
  const row = page.getByRole('row').filter({ hasText: 'ep-report.pdf' });
  assert.match(await row.innerText(), /ep-report\.pdf \(PDF, \d+\.\d KB\)/);
  await screenshot(page, '90-documents', errors);

  // Downloaded byte for byte; opened in a new tab.
  const saved = await download(page, row.getByRole('button', { name: 'Download ep-report.pdf' }));
  assert.equal(saved.name, 'ep-report.pdf');
  assert.ok(saved.bytes.equals(PDF), 'the download is the file added');
  const [tab] = await Promise.all([context.waitForEvent('page'), row.getByRole('button', { name: 'Open ep-report.pdf' }).click()]);
  assert.match(tab.url(), /^blob:/);
  await tab.close();

  // The case page lists it on the event; the stored bytes are not the file's.
  await page.getByRole('link', { name: 'Back to Maya Patel' }).click();
  await page.getByText('Documents: ep-report.pdf').waitFor();
  const [[, sealed]] = await storedDocuments(page, 'files');
  assert.ok(!Buffer.from(sealed).includes(Buffer.from('EP report for Maya')), 'the document is stored encrypted');

  // A picture dropped on the second event, with a file over 50 MB that is refused.
  await documentsOf(page, 'Council decided to assess');
  await drop(page, [
    { name: 'letter-photo.png', type: 'image/png', bytes: Array.from(PNG) },
    { name: 'huge-scan.pdf', type: 'application/pdf', size: 50_000_001 },
  ]);
  await page.getByText('Added “letter-photo.png”.').waitFor();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByText('“huge-scan.pdf” was not added: it is 50.0 MB, and a document may be at most 50 MB.', { exact: false }).waitFor();
  assert.equal(await page.getByRole('row').filter({ hasText: 'huge-scan.pdf' }).count(), 0, 'nothing of the big file is kept');
  assert.equal((await storedDocuments(page, 'files')).length, 2);

  // Removed, and the removal undone.
  await page.getByRole('button', { name: 'Remove letter-photo.png' }).click();
  await page.getByText('“letter-photo.png” was removed from this milestone.').waitFor();
  assert.equal(await page.getByRole('row').filter({ hasText: 'letter-photo.png' }).count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('row').filter({ hasText: 'letter-photo.png' }).waitFor();
  await untilStored(page, (cases) => JSON.stringify(cases).includes('letter-photo.png'), 'the picture is on its milestone again');

  // Kept over a reload.
  const documentsPage = page.url();
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'letter-photo.png' }).waitFor();

  // Locked: no copy of the documents' key is left in plain; after a reload and
  // unlocking, the picture downloads as it was.
  await page.goto(`${app.server.url}#/lock`);
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  const fields = page.locator('input[type=password]');
  await fields.nth(0).fill(PASSPHRASE);
  await fields.nth(1).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Lock my cases' }).click();
  await page.getByRole('alert').filter({ hasText: 'Your cases are locked' }).waitFor();
  const keys = (await storedDocuments(page, 'keys')).map(([name]) => name);
  assert.equal(keys.length, 1);
  assert.match(keys[0], /^sealed /, 'only the sealed copy of the key is kept');
  await page.reload();
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { level: 1, name: 'Lock with a passphrase' }).waitFor();
  await page.goto(documentsPage);
  await page.getByRole('heading', { level: 1, name: /^Documents: Council decided to assess/ }).waitFor();
  const picture = await download(page, page.getByRole('button', { name: 'Download letter-photo.png' }));
  assert.ok(picture.bytes.equals(PNG), 'the picture is the same after locking');

  // Still locked, the bundle holds both: the PDF's 2 pages, then the picture.
  await page.getByRole('link', { name: 'Make an evidence bundle of this case' }).click();
  await page.getByRole('heading', { level: 1, name: 'Make an evidence bundle' }).waitFor();
  const bundle = await download(page, page.getByRole('button', { name: 'Make the bundle' }));
  const dir = await mkdtemp(join(tmpdir(), 'documents-'));
  await writeFile(join(dir, 'bundle.pdf'), bundle.bytes);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'bundle.pdf')]).toString())[1]);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'bundle.pdf'), '-']).toString().split('\f');
  assert.match(text[pages - 3], /EP report for Maya page 1/);
  assert.match(text[pages - 2], /EP report for Maya page 2/);
  assert.match(text[pages - 1], new RegExp(`letter-photo\\.png[\\s\\S]*Page ${pages} of ${pages}`));
  await page.getByRole('heading', { level: 2, name: `Your bundle is ready: ${pages} pages` }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

// Chromium 156 ignores the DevTools protocol's Storage.overrideQuotaForOrigin
// (the quota it reports stays at 10 GB, measured 5 December 2026), so the
// browser's own estimate is made to say only 100 KB is left.
test('a file that would not fit the browser\'s quota is refused, and nothing changes', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Sam Lee', council: 'Anytown Council' });
  await logMilestone(page, 'Request for an assessment received by the council', [6, 1, 2025]);
  await documentsOf(page, 'Request for an assessment received');
  await page.evaluate(() => {
    const estimate = navigator.storage.estimate.bind(navigator.storage);
    navigator.storage.estimate = async () => {
      const { usage } = await estimate();
      return { usage, quota: usage + 100_000 };
    };
  });
  await page.getByLabel('Choose files').setInputFiles({ name: 'big-report.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(400_000, 32) });
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByText('“big-report.pdf” was not added: this browser has room for 100.0 KB more, and the file is 400.0 KB. Nothing was changed.', { exact: false }).waitFor();
  await page.getByText('No documents are kept with this milestone yet.').waitFor();
  assert.deepEqual(await storedDocuments(page, 'files'), [], 'nothing of the file is stored');
  await page.getByRole('link', { name: 'Back to Sam Lee' }).click();
  await page.getByRole('link', { name: /^Add documents/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('everything is exported as one .zip and imported into a fresh browser, the documents byte for byte; a damaged one is refused', async () => {
  const first = await openApp(app.browser, app.server.url);
  const { page, errors } = first;
  await addCase(page, { child: 'Maya Patel', council: 'Anytown Council' });
  await logMilestone(page, 'Request for an assessment received by the council', [6, 1, 2025]);
  await documentsOf(page, 'Request for an assessment received');
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'ep-report.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'letter-photo.png', mimeType: 'image/png', buffer: PNG },
  ]);
  await page.getByText('Added “letter-photo.png”.').waitFor();
  await page.getByRole('link', { name: 'Back to Maya Patel' }).click();
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await page.getByRole('link', { name: 'Export everything, with documents' }).click();
  await page.getByRole('heading', { level: 1, name: 'Export everything' }).waitFor();
  await screenshot(page, '91-export-everything', errors);
  const zip = await download(page, page.getByRole('button', { name: 'Export everything' }));
  assert.equal(zip.name, 'ehc-timeline-everything-2025-10-31.zip');
  await page.getByText('Saved to your downloads: 1 case and 2 documents.').waitFor();
  assert.equal(zip.bytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  await first.context.close();

  // A fresh browser: the backup previewed, imported, and each document the same.
  const second = await openApp(app.browser, app.server.url);
  const fresh = second.page;
  await fresh.getByRole('link', { name: 'Import a case file' }).click();
  await fresh.getByLabel('Case file').setInputFiles({ name: zip.name, mimeType: 'application/zip', buffer: zip.bytes });
  await fresh.getByText('It holds 2 documents, which are kept on this device with their milestones.').waitFor();
  await fresh.getByRole('button', { name: 'Import', exact: true }).click();
  await fresh.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  await fresh.getByRole('link', { name: 'Maya Patel' }).click();
  await documentsOf(fresh, 'Request for an assessment received');
  const report = await download(fresh, fresh.getByRole('button', { name: 'Download ep-report.pdf' }));
  const photo = await download(fresh, fresh.getByRole('button', { name: 'Download letter-photo.png' }));
  assert.ok(report.bytes.equals(PDF) && photo.bytes.equals(PNG), 'the documents are the same, byte for byte');

  // One changed byte of the picture inside the backup: refused, nothing imported.
  const damaged = Buffer.from(zip.bytes);
  const at = damaged.indexOf(PNG.subarray(0, 16)) + 20;
  damaged[at] ^= 0xff;
  await fresh.getByRole('link', { name: 'Back to Maya Patel' }).click();
  await fresh.getByRole('link', { name: 'Back to your cases' }).click();
  await fresh.getByRole('link', { name: 'Import a case file' }).click();
  await fresh.getByLabel('Case file').setInputFiles({ name: 'damaged.zip', mimeType: 'application/zip', buffer: damaged });
  await fresh.getByRole('alert').filter({ hasText: 'The file could not be imported' }).getByText(/damaged/).first().waitFor();
  assert.equal(await fresh.getByRole('button', { name: 'Import', exact: true }).count(), 0);
  assert.deepEqual(second.errors, []);
  await second.context.close();
});
