// End-to-end: a family's evidence bundle. A 3-page PDF, a picture and a Word
// document are kept with two milestones; the bundle is made in the browser,
// offline, and read back with poppler: its page count, the stamp on every
// page, the cover, the index with each document's first page, the chronology
// naming the documents by their numbers, and the picture drawn on its page.
// The browser's date is 31 October 2025.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCase, appUnderTest, download, logMilestone, openApp, screenshot, solidPng, tinyPdf } from './support.js';

const app = appUnderTest();

/** Adds `files` ({ name, mimeType, buffer }) to the event the case page lists as `what`. */
async function keep(page, what, files) {
  await page.locator('li.event').filter({ hasText: what }).getByRole('link', { name: /documents/i }).click();
  await page.getByRole('heading', { level: 1, name: /^Documents: / }).waitFor();
  await page.getByLabel('Choose files').setInputFiles(files);
  for (const { name } of files) await page.getByText(`Added “${name}”.`).waitFor();
  await page.getByRole('link', { name: /^Back to / }).click();
}

/** The share of the pixels of page `n` of `pdf` that are the picture's red. */
async function redShare(pdf, n) {
  const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', String(n), '-l', String(n), pdf]);
  // P6, width, height, 255, then the bytes.
  const header = ppm.subarray(0, 40).toString('latin1').split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = ppm.subarray(ppm.length - width * height * 3);
  let red = 0;
  for (let i = 0; i < pixels.length; i += 3) {
    if (pixels[i] > 150 && pixels[i + 1] < 90 && pixels[i + 2] < 90) red += 1;
  }
  return red / (width * height);
}

test('a parent makes an evidence bundle of a case, offline, and it reads back page by page', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'Maya Patel', council: 'Anytown Council', reference: 'EHC/77' });
  await logMilestone(page, 'Request for an assessment received by the council', [6, 1, 2025]);
  await logMilestone(page, 'Council decided to assess', [3, 3, 2025]);
  await keep(page, 'Request for an assessment received', [
    { name: 'request-letter.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Request letter', 3) },
  ]);
  await keep(page, 'Council decided to assess', [
    { name: 'decision-photo.png', mimeType: 'image/png', buffer: solidPng(300, 200, [200, 30, 30]) },
    { name: 'school-notes.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK not really') },
  ]);

  await page.getByRole('link', { name: 'Make an evidence bundle' }).click();
  await page.getByRole('heading', { level: 1, name: 'Make an evidence bundle' }).waitFor();
  const rows = page.getByRole('row');
  assert.match(await rows.nth(1).innerText(), /request-letter\.pdf/);
  assert.match(await rows.nth(2).innerText(), /decision-photo\.png/);
  assert.match(await rows.nth(3).innerText(), /school-notes\.docx/);
  await screenshot(page, '92-bundle', errors);

  // Made offline, after the part was loaded once.
  await context.setOffline(true);
  await page.getByLabel('What the appeal is about (optional)').selectOption({ label: 'Refusal to assess' });
  const saved = await download(page, page.getByRole('button', { name: 'Make the bundle' }));
  await page.getByRole('heading', { level: 2, name: /^Your bundle is ready: \d+ pages$/ }).waitFor();
  assert.match(saved.name, /^ehc-timeline-bundle-maya-patel-2025-10-31\.pdf$/);
  const dir = await mkdtemp(join(tmpdir(), 'bundle-'));
  const pdf = join(dir, 'bundle.pdf');
  await writeFile(pdf, saved.bytes);

  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  const byPage = text.split('\f');
  for (let n = 1; n <= pages; n += 1) {
    assert.match(byPage[n - 1], new RegExp(`Page ${n} of ${pages}`), `page ${n} is stamped`);
  }
  assert.match(byPage[0], /Maya Patel/);
  assert.match(byPage[0], /Anytown Council/);
  assert.match(byPage[0], /EHC\/77/);
  // The index: the letter from its first page, the picture, the Word file sent alongside.
  const letterPage = byPage.findIndex((p) => p.includes('Request letter page 1')) + 1;
  const index = byPage[1];
  assert.match(index, new RegExp(`1\\s+6 January 2025\\s+Request for an assessment received by the council\\s+${letterPage}\\n\\s+request-letter\\.pdf`));
  assert.match(index, new RegExp(`2\\s+3 March 2025\\s+Council decided to assess\\s+${letterPage + 3}\\n\\s+decision-photo\\.png`));
  assert.match(index, /3\s+3 March 2025\s+Council decided to assess\s+provided separately\n\s+school-notes\.docx/);
  assert.match(byPage[2], /\[1\] request-letter\.pdf/, 'the chronology names the letter by its number');
  assert.equal(pages, letterPage + 3, 'the letter (3 pages) and then the picture (1 page) end the bundle');
  assert.ok((await redShare(pdf, pages)) > 0.1, 'the picture is drawn on its page');
  assert.ok((await redShare(pdf, letterPage)) < 0.01);
  await context.close();
  assert.deepEqual(errors, []);
});
