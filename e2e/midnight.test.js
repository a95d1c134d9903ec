// End-to-end: "today" moves at the user's local midnight while the page stays
// open and visible; no tab switch is needed. The browser's clock is London's,
// so local midnight (23:00 UTC in summer time) differs from UTC's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCase, appUnderTest, logMilestone } from './support.js';

const app = appUnderTest();

test('a page left open over midnight counts from the new day', async () => {
  const context = await app.browser.newContext({ timezoneId: 'Europe/London' });
  // A minute before midnight on Sunday 12 October 2025, in British Summer Time.
  await context.clock.install({ time: new Date('2025-10-12T23:59:00+01:00') });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await addCase(page, { child: 'A. B.' });
  // Six weeks after Monday 1 September 2025 is Monday 13 October 2025.
  await logMilestone(page, 'Request for an assessment received by the council', [1, 9, 2025]);
  const decision = page.getByRole('listitem').filter({
    has: page.getByRole('heading', { level: 3, name: 'Decision whether to assess', exact: true }),
  });
  await decision.getByText('Due in 1 day').waitFor();

  await page.clock.runFor('02:00');
  await decision.getByText('Due today').waitFor();
  assert.equal(await decision.getByText('Due in 1 day').count(), 0);
  assert.equal(await page.evaluate(() => document.visibilityState), 'visible');
  await context.close();
});
