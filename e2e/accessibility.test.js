// Accessibility beyond what axe-core checks on every screen: a keyboard-only
// user, visible focus, target sizes, and narrow and zoomed windows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCase, appUnderTest, fillDate, logMilestone, openApp, screenshot } from './support.js';

const app = appUnderTest();

/**
 * Presses Tab until the focused element's accessible text is `name` (at most
 * 60 times), checking that every element focused on the way shows it.
 */
async function tabTo(page, name) {
  for (let step = 0; step < 60; step += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      const label = element.labels?.[0]?.textContent ?? '';
      return {
        name: (element.getAttribute('aria-label') ?? (label || element.textContent)).trim(),
        visible:
          style.outlineStyle !== 'none' ||
          style.boxShadow !== 'none' ||
          style.backgroundColor === 'rgb(255, 221, 0)',
        tag: element.tagName,
      };
    });
    assert.ok(focused.visible, `focus is visible on <${focused.tag}> "${focused.name}"`);
    if (focused.name === name) return;
  }
  assert.fail(`"${name}" is not reached with Tab`);
}

/** Tabs to the field named `name` and types `text` into it. */
async function typeInto(page, name, text) {
  await tabTo(page, name);
  await page.keyboard.type(text);
}

test('a keyboard-only user creates a case and logs a milestone, and sees where focus is', async () => {
  const { context, page, errors } = await openApp(app.browser, app.server.url);
  await tabTo(page, 'Add a case');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Add a case' }).waitFor();
  await typeInto(page, "Child's name or initials", 'K. B.');
  await typeInto(page, 'Council', 'Anytown Council');
  await tabTo(page, 'Save case');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'K. B.' }).waitFor();

  await tabTo(page, 'Log a milestone');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Log a milestone' }).waitFor();
  await tabTo(page, 'What happened');
  // A select moves through its options with the arrow keys.
  for (let n = 0; n < 2; n += 1) await page.keyboard.press('ArrowDown');
  assert.equal(
    await page.getByLabel('What happened').evaluate((s) => s.selectedOptions[0].textContent),
    'Request for an assessment received by the council',
  );
  await typeInto(page, 'Day', '1');
  await typeInto(page, 'Month', '9');
  await typeInto(page, 'Year', '2025');
  await tabTo(page, 'Save milestone');
  await page.keyboard.press('Enter');
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Decision whether to assess', exact: true }) })
    .getByText('Overdue by 18 days')
    .waitFor();
  await screenshot(page, '40-keyboard-case', errors);
  await context.close();
});

test('every control is at least 24 by 24 CSS pixels', async () => {
  const { context, page } = await openApp(app.browser, app.server.url);
  await addCase(page, { child: 'T. S.' });
  await logMilestone(page, 'Request for an assessment received by the council', [1, 9, 2025]);
  for (const view of ['#/case/', '#/']) {
    if (view === '#/') await page.getByRole('link', { name: 'Back to your cases' }).click();
    // Links inside a sentence are exempt (WCAG 2.5.8); every other control is not.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('a, button, input, select, textarea, summary')]
        .filter((element) => !(element.tagName === 'A' && element.closest('p, li:not(.event)')))
        .filter((element) => element.getClientRects().length > 0)
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ element, box }) => box.width < 24 || box.height < 24)
        .filter(({ element }) => !element.classList.contains('skip-link'))
        .map(({ element, box }) => `${element.tagName} "${element.textContent.trim().slice(0, 30)}" ${box.width}x${box.height}`),
    );
    assert.deepEqual(small, [], `small targets on ${view}`);
  }
  await context.close();
});

for (const { label, viewport } of [
  { label: '320px', viewport: { width: 320, height: 640 } },
  { label: 'zoom-200', viewport: { width: 640, height: 400, deviceScaleFactor: 2 } },
]) {
  test(`the main screens work at ${label}`, async () => {
    const { context, page, errors } = await openApp(app.browser, app.server.url, { viewport });
    await page.getByRole('link', { name: 'Add a case' }).click();
    await page.getByLabel("Child's name or initials").fill('Alexandra-Josephine Worthington-Smythe');
    await page.getByLabel('Council').fill('Royal Borough of Kensington and Chelsea');
    await screenshot(page, `41-${label}-add-case`, errors);
    await page.getByRole('button', { name: 'Save case' }).click();
    await page.getByRole('link', { name: 'Log a milestone' }).click();
    await page.getByRole('button', { name: 'Save milestone' }).click();
    await page.getByText('There is a problem').waitFor();
    await screenshot(page, `42-${label}-log-error`, errors);
    await page.getByLabel('What happened').selectOption({ label: 'Request for an assessment received by the council' });
    await fillDate(page, [1, 9, 2025]);
    await page.getByRole('button', { name: 'Save milestone' }).click();
    await page.getByRole('heading', { level: 2, name: 'Deadlines' }).waitFor();
    await screenshot(page, `43-${label}-case`, errors);
    await page.getByRole('link', { name: 'Back to your cases' }).click();
    await page.getByRole('table', { name: 'Your cases' }).waitFor();
    await screenshot(page, `44-${label}-case-list`, errors);
    await context.close();
  });
}
