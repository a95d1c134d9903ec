// The picture of a case in the built app: at the top of the case page, each
// row a link that the keyboard reaches and that leads to its deadline's card;
// readable on a 320 px phone (it scrolls sideways inside its box) and at
// 200% zoom; and at the start of the printed chronology, fitted to A4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { appUnderTest, importExample, openApp, screenshot } from './support.js';

const app = appUnderTest();

/** Opens the late assessment's case page in a window of `viewport`. */
async function latePicture(viewport) {
  const opened = await openApp(app.browser, app.server.url, { viewport });
  await importExample(opened.page, 'late-assessment');
  await opened.page.getByRole('link', { name: /J\. T\./ }).click();
  await opened.page.locator('svg.picture').waitFor();
  return opened;
}

test('a row of the picture says the deadline in words and leads, by keyboard, to its card', async () => {
  const { page, errors } = await latePicture();
  const rows = page.locator('svg.picture a');
  const decision = page.getByRole('link', { name: 'Decision whether to assess: Met 3 days late.' });
  assert.equal(
    await decision.getAttribute('aria-label'),
    'Decision whether to assess: Met 3 days late. Due 17 February 2025, done 20 February 2025',
  );
  assert.equal(await decision.locator('text').textContent(), 'Decision whether to assess — Met 3 days late');
  assert.equal(await decision.locator('rect.picture__late').count(), 1, 'the days late are hatched');
  assert.equal(await rows.filter({ hasText: 'Your comments on the draft plan' }).locator('rect.picture__late').count(), 0);
  assert.ok((await page.locator('svg.picture').textContent()).includes('Today, 31 October 2025'));
  await screenshot(page, '80-case-picture', errors);

  // Tab reaches the row; Enter leads to the case page at its deadline, with
  // focus on its card, which says the same; Back returns.
  await decision.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('deadline-'));
  const href = await decision.getAttribute('href');
  assert.match(href, /^#\/case\/c-late\/deadline\/\d+$/);
  assert.equal(await page.evaluate(() => location.hash), href);
  const card = await page.evaluate(() => document.activeElement.id);
  assert.equal(card, `deadline-${href.split('/').pop()}`);
  assert.match(await page.locator(`#${card}`).textContent(), /Decision whether to assess.*Met 3 days late/);
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'J. T.' }).waitFor();
});

test('the picture scrolls inside its box on a 320 px phone, and reads at 200% zoom', async () => {
  const phone = await latePicture({ width: 320, height: 700 });
  const box = await phone.page.locator('.picture-scroll').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(box[0] > box[1], `the picture scrolls sideways (${box})`);
  await screenshot(phone.page, '81-case-picture-320', phone.errors);
  await phone.context.close();

  const zoomed = await latePicture({ width: 640, height: 800, deviceScaleFactor: 2 });
  await screenshot(zoomed.page, '82-case-picture-200', zoomed.errors);
  await zoomed.context.close();
});

test('the printed chronology starts with the picture, fitted to the page', async () => {
  const { page } = await latePicture();
  await page.getByRole('link', { name: 'Print a chronology' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chronology of events' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  const [picture, page_] = await page.evaluate(() => [
    document.querySelector('svg.picture').getBoundingClientRect().width,
    document.querySelector('.chronology').getBoundingClientRect().width,
  ]);
  assert.ok(picture <= page_ + 1, `the picture (${picture} px) fits the page (${page_} px)`);
  const pdfPath = join(tmpdir(), `ehc-picture-${process.pid}.pdf`);
  await page.pdf({ path: pdfPath, format: 'A4' });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  const first = text.split('\f')[0];
  assert.ok(first.includes('Chronology of events'), first);
  assert.ok(first.includes('Decision whether to assess — Met 3 days late'), first);
  assert.ok(first.indexOf('Decision whether to assess — Met 3') < first.indexOf('Events, in date order') || !first.includes('Events, in date order'));
});
