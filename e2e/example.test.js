// A first visit in the built app: two sentences say what it does, and an
// invented example case shows deadlines met, late and missed before anything
// is typed; one click removes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openApp, screenshot, storedCases } from './support.js';

const app = appUnderTest();

test('a first visit explains the app and shows an invented example, removed in one click', async () => {
  const { page, errors } = await openApp(app.browser, app.server.url);
  await page.getByText('EHC Timeline works out the dates by which your council must act').waitFor();
  await screenshot(page, '05-first-visit', errors);

  await page.getByRole('button', { name: 'Look at an example case' }).click();
  await page.getByRole('heading', { level: 1, name: 'Example: J. T. (an invented case)' }).waitFor();
  await page.getByText('This case is invented, to show how the app works').waitFor();
  await page.getByRole('link', { name: 'Final plan: Met 39 days late.' }).waitFor();
  assert.deepEqual((await storedCases(page)).map((c) => c.child), ['Example: J. T. (an invented case)']);
  await screenshot(page, '06-example-case', errors);

  await page.getByRole('button', { name: 'Remove the example case' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  await page.getByText('The case of Example: J. T. (an invented case) was deleted from this device.').waitFor();
  assert.deepEqual(await storedCases(page), []);
  await page.getByRole('button', { name: 'Look at an example case' }).waitFor();
  assert.deepEqual(errors, []);
});
