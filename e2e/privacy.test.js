// Private: nothing leaves the device, and nothing a user types, or a case
// file brings, runs as code. Every request of the browser context (its pages'
// and its service worker's) is recorded from the first one, every
// Content-Security-Policy violation is reported from an init script, and
// every dialog is caught, while a user goes through the whole app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { withScriptHashes } from '../build/csp.mjs';
import { appUnderTest, download, openApp, screenshot, storedRecords } from './support.js';

const app = appUnderTest();

/**
 * What the browser did, recorded from the first request: `openApp` makes its
 * context through the stand-in browser returned, which watches each one.
 */
function watched(browser) {
  const seen = { requests: [], violations: [], dialogs: [] };
  const standIn = {
    async newContext(options) {
      const context = await browser.newContext(options);
      context.on('request', (request) =>
        seen.requests.push({ url: request.url(), worker: Boolean(request.serviceWorker()) }),
      );
      context.on('dialog', (dialog) => {
        seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        dialog.dismiss().catch(() => {});
      });
      await context.exposeFunction('ehcPolicyViolation', (text) => seen.violations.push(text));
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          window.ehcPolicyViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}: ${event.sample}`),
        );
      });
      return context;
    },
  };
  return { browser: standIn, seen };
}

/** The requests that went anywhere but the app's own origin (blob: and data: stay on the device). */
function leaving(requests) {
  const origin = new URL(app.server.url).origin;
  return requests
    .map(({ url }) => url)
    .filter((url) => !url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin);
}

/** Fills each labelled box in `scope` with its value. */
async function fill(scope, values) {
  for (const [label, value] of Object.entries(values)) {
    await scope.getByLabel(label, { exact: true }).fill(String(value));
  }
}

/** Chooses `text` as the case file on the import page, as a user would. */
async function chooseFile(page, text) {
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({
    name: 'case.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

/** Waits until the service worker controls the page, reloading once if need be. */
async function underServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }
}

test('going through the whole app, no request leaves its origin and the policy blocks nothing', async () => {
  const { browser, seen } = watched(app.browser);
  const { context, page, errors } = await openApp(browser, app.server.url);

  await page.getByRole('link', { name: 'Add a case' }).click();
  await fill(page, {
    "Child's name or initials": 'P. Q.',
    Council: 'Anytown Council',
    'Case reference (optional)': 'EHC/2025/0099',
  });
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.getByRole('heading', { level: 1, name: 'P. Q.' }).waitFor();
  const milestones = [
    ['Request for an assessment received by the council', [1, 9, 2025], {
      'Who (optional)': 'SEND team',
      'Note (optional)': 'Sent by email.',
      'Document reference (optional)': 'request.pdf',
    }],
    ['Council decided to assess', [20, 10, 2025], {}],
  ];
  for (const [what, [day, month, year], details] of milestones) {
    await page.getByRole('link', { name: 'Log a milestone' }).click();
    await page.getByLabel('What happened').selectOption({ label: what });
    await fill(page.getByRole('group', { name: 'Date', exact: true }), { Day: day, Month: month, Year: year });
    await fill(page, details);
    await page.getByRole('button', { name: 'Save milestone' }).click();
    await page.getByRole('heading', { level: 2, name: 'Deadlines' }).waitFor();
  }

  // The case page with every disclosure open.
  for (const summary of await page.locator('summary').all()) await summary.click();
  assert.equal(await page.locator('details:not([open])').count(), 0);
  await page.getByText('6 weeks after 1 September 2025, not counting that day', { exact: false }).first().waitFor();
  await screenshot(page, '40-privacy-case-page', errors);

  await page.getByRole('link', { name: 'Print a chronology' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chronology of events' }).waitFor();
  await page.getByLabel('Initials only (P. Q.)').check();
  await page.getByRole('link', { name: 'Back to P. Q.' }).click();
  await page.getByRole('link', { name: 'Draft a letter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Letters' }).waitFor();
  const complaint = page.getByRole('region', { name: 'Formal complaint to the council' });
  await download(page, complaint.getByRole('button', { name: 'Download this letter' }));
  await page.getByRole('link', { name: 'Back to P. Q.' }).click();
  await download(page, page.getByRole('button', { name: 'Add the deadlines to your calendar (.ics)' }));
  await download(page, page.getByRole('button', { name: 'Export this case' }));

  await page.getByRole('link', { name: 'Back to your cases' }).click();
  await download(page, page.getByRole('button', { name: 'Download every deadline as a spreadsheet (CSV)' }));
  await download(page, page.getByRole('button', { name: 'Add the deadlines to come to your calendar (.ics)' }));
  const exported = await download(page, page.getByRole('button', { name: 'Export all cases' }));

  // Import the export back: a preview, then the same case replaced.
  await chooseFile(page, exported.text);
  await page.getByRole('heading', { name: 'This will add 0 cases and replace 1 case' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();

  // A file that cannot be read changes nothing that is stored.
  const stored = await storedRecords(page);
  assert.equal(Object.keys(stored).length, 1);
  await chooseFile(page, exported.text.replace('"events"', '"events": {'));
  await page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByText(/line \d+, column \d+/).waitFor();
  assert.deepEqual(await storedRecords(page), stored);
  await page.getByRole('link', { name: 'Back to your cases' }).click();

  // Offline, after a reload, all of it is still there.
  await underServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('link', { name: 'P. Q.' }).click();
  await page.getByRole('heading', { level: 1, name: 'P. Q.' }).waitFor();
  await screenshot(page, '41-privacy-offline', errors);

  assert.deepEqual(leaving(seen.requests), [], 'every request stays on the app\'s origin');
  assert.ok(seen.requests.some(({ worker }) => worker), "the service worker's own requests are recorded too");
  assert.ok(seen.requests.length > 10, `${seen.requests.length} requests recorded`);
  assert.deepEqual(seen.violations, [], 'no Content-Security-Policy violation');
  assert.deepEqual(seen.dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the policy allows no inline script but the build\'s own, and no eval; the server sends it too', async () => {
  const response = await fetch(app.server.url);
  const header = response.headers.get('content-security-policy');
  const html = await response.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
  assert.equal(header, `${meta}; frame-ancestors 'none'`);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "connect-src 'self'", "default-src 'self'"]) {
    assert.ok(meta.includes(directive), `the policy has ${directive}`);
  }
  const scriptSrc = meta.split('; ').find((directive) => directive.startsWith('script-src '));
  assert.match(scriptSrc, /^script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'$/);
  assert.doesNotMatch(meta, /'unsafe-inline'|'unsafe-eval'|\*|https?:/);

  const { browser, seen } = watched(app.browser);
  const { context, page, errors } = await openApp(browser, app.server.url);
  // An inline script added to the page, and code in a string for a timer
  // (which the policy treats as eval), are both refused.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.head.append(script);
    setTimeout('window.__timer = 1', 0);
  });
  await page.waitForTimeout(100);
  assert.deepEqual(await page.evaluate(() => [window.__inline, window.__timer]), [undefined, undefined]);
  assert.deepEqual(
    [...new Set(seen.violations.map((text) => text.split(':')[0]))],
    ['script-src-elem blocked inline', 'script-src blocked eval'],
    seen.violations.join('\n'),
  );
  assert.ok(errors.every((error) => /Content Security Policy/.test(error)), errors.join('\n'));
  await context.close();
});

test('the build step allows each inline script by its hash, and refuses inline code no hash can allow', () => {
  const page = (head) =>
    `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; object-src 'none'" />${head}</head><body></body></html>`;
  const loader = "\nimport init from '/app.js';\nawait init();\n";
  const built = withScriptHashes(page(`<script src="a.js"></script><script type="module">${loader}</script><script>1</script>`));
  const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  assert.match(built, new RegExp(`content="default-src 'self'; script-src 'self' ${sha(loader).replace(/[+/]/g, '\\$&')} ${sha('1')}; object-src 'none'"`));
  for (const [inline, what] of [
    ['<style>p{}</style>', 'a <style> element'],
    ['<p style="color: red">', 'the attribute style'],
    ['<img src="i.png" onerror="x()">', 'the attribute onerror'],
    ['<a href="javascript:x()">', 'a javascript: URL'],
  ]) {
    assert.throws(() => withScriptHashes(page(inline)), new RegExp(what), inline);
  }
  assert.throws(
    () => withScriptHashes(page('').replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")),
    /must not allow 'unsafe-inline'/,
  );
});

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const SVG = '"><svg onload=window.__pwned=1>';
const LINK = 'javascript:window.__pwned=1';

/** A case file with a script or HTML payload in every text field the format has. */
function hostileFile() {
  return {
    format: 'ehc-timeline/1',
    exported_at: '2025-10-30',
    'x-made-by': IMG,
    cases: [
      {
        id: `c-${SVG}`,
        child: SCRIPT,
        local_authority: IMG,
        reference: SVG,
        settings: { review_complete_on: 'decision', 'x-colour': SCRIPT },
        'x-extra': IMG,
        events: [
          { id: `e-${SCRIPT}`, kind: 'request-received', date: '2025-09-01', who: IMG, note: `${SCRIPT}\n${SVG}`, document: LINK, 'x-field': SVG },
          { id: LINK, kind: 'advice-requested', date: '2025-09-08', party: SVG, who: LINK },
          { id: 'e-3', kind: 'school-consulted', date: '2025-09-15', school: IMG },
          { id: 'e-4', kind: `x-${IMG}`, date: '2025-09-20', note: IMG },
          { id: 'e-5', kind: 'complaint-made', date: '2025-10-01', respond_within: 20, unit: 'days', who: SVG },
          { id: 'e-6', kind: 'note', approx: '2025-08', note: LINK, document: SCRIPT },
        ],
      },
      { id: LINK, child: LINK, local_authority: SCRIPT, events: [] },
    ],
  };
}

/** Checks that nothing on the screen came from a payload, and that no payload ran. */
async function assertInert(page, seen, screen, scripts) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    scripts: [...document.scripts].map((script) => script.outerHTML),
    // The picture of a case is the app's own SVG, written as escaped text: any
    // other SVG, or one inside it, came from a payload.
    elements: [...document.querySelectorAll('img, svg:not(.picture-scroll > svg.picture), iframe, object, embed, body script')].map(
      (e) => e.outerHTML,
    ),
    handlers: [...document.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${element.localName} ${a.name}>`),
    ),
    links: [...document.querySelectorAll('[href], [src], [action]')]
      .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('action'))
      .filter((url) => /^\s*javascript:/i.test(url)),
  }));
  assert.equal(found.pwned, undefined, `${screen}: a payload ran`);
  assert.deepEqual(found.scripts, scripts, `${screen}: the app's scripts only`);
  assert.deepEqual(found.elements, [], `${screen}: no element from a payload`);
  assert.deepEqual(found.handlers, [], `${screen}: no event handler attribute`);
  assert.deepEqual(found.links, [], `${screen}: no javascript: link`);
  assert.deepEqual(seen.dialogs, [], `${screen}: no dialog`);
  assert.deepEqual(seen.violations, [], `${screen}: nothing blocked (nothing tried to run)`);
}

test('script and HTML in every field of an imported file are shown as text on every screen', async () => {
  const { browser, seen } = watched(app.browser);
  const { context, page, errors } = await openApp(browser, app.server.url);
  const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.outerHTML));
  const file = JSON.stringify(hostileFile(), null, 2);
  await chooseFile(page, file);
  const preview = page.getByRole('listitem').filter({ hasText: SCRIPT });
  await preview.waitFor();
  await page.getByRole('listitem').filter({ hasText: LINK }).waitFor();
  await assertInert(page, seen, 'import preview', scripts);
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  const table = page.getByRole('table', { name: 'Your cases' });
  await table.getByRole('link', { name: SCRIPT }).waitFor();
  await table.getByText(IMG).waitFor();
  assert.ok(
    await page.locator('.table-wrapper').evaluate((wrapper) => wrapper.scrollWidth <= wrapper.clientWidth),
    'long unbroken names wrap within the table',
  );
  await assertInert(page, seen, 'case list', scripts);
  await screenshot(page, '42-payloads-case-list', errors);

  // The second case: its id and name are javascript: URLs, its link is not.
  await table.getByRole('link', { name: LINK }).click();
  await page.getByRole('heading', { level: 1, name: LINK }).waitFor();
  await assertInert(page, seen, 'case page of a javascript: name', scripts);
  await page.getByRole('link', { name: 'Back to your cases' }).click();

  await table.getByRole('link', { name: SCRIPT }).click();
  await page.getByRole('heading', { level: 1, name: SCRIPT }).waitFor();
  for (const summary of await page.locator('summary').all()) await summary.click();
  const events = page.getByRole('region', { name: 'Events' });
  for (const text of [
    `Who: ${IMG}`, `Document: ${LINK}`, `Advice from: ${SVG}`, `School or college: ${IMG}`,
    `Who: ${LINK}`, `Who: ${SVG}`, `Document: ${SCRIPT}`, `${SCRIPT} ${SVG}`, IMG, LINK,
  ]) {
    await events.getByText(text, { exact: true }).first().waitFor();
  }
  await page.getByText(`x-${IMG}`, { exact: false }).first().waitFor();
  await page.getByText(IMG, { exact: false }).first().waitFor();
  await assertInert(page, seen, 'case page', scripts);
  await screenshot(page, '43-payloads-case-page', errors);

  // The forms show the payloads as the values of their boxes.
  await events.getByRole('listitem').filter({ hasText: `Who: ${IMG}` }).getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('heading', { level: 1, name: 'Change a milestone' }).waitFor();
  assert.equal(await page.getByLabel('Who (optional)').inputValue(), IMG);
  assert.equal(await page.getByLabel('Document reference (optional)').inputValue(), LINK);
  await assertInert(page, seen, 'change a milestone', scripts);
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Rename case' }).click();
  assert.equal(await page.getByLabel("Child's name or initials").inputValue(), SCRIPT);
  assert.equal(await page.getByLabel('Council').inputValue(), IMG);
  await assertInert(page, seen, 'rename', scripts);
  await page.getByRole('link', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Print a chronology' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chronology of events' }).waitFor();
  await page.getByText(`Chronology: ${SCRIPT}`).waitFor();
  await page.getByText(`Council: ${IMG} · Reference: ${SVG}`, { exact: false }).waitFor();
  await assertInert(page, seen, 'chronology', scripts);
  await screenshot(page, '44-payloads-chronology', errors);
  await page.getByRole('link', { name: `Back to ${SCRIPT}` }).click();

  await page.getByRole('link', { name: 'Draft a letter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Letters' }).waitFor();
  const complaint = page.getByRole('region', { name: 'Formal complaint to the council' });
  assert.ok((await complaint.getByLabel('Letter').inputValue()).includes(SCRIPT));
  await assertInert(page, seen, 'letters', scripts);
  const letter = await download(page, complaint.getByRole('button', { name: 'Download this letter' }));
  assert.ok(letter.text.includes(SCRIPT), 'the letter keeps the name as written');
  await page.getByRole('link', { name: `Back to ${SCRIPT}` }).click();

  // The downloads keep every payload as the text it was.
  const calendar = await download(page, page.getByRole('button', { name: 'Add the deadlines to your calendar (.ics)' }));
  assert.match(calendar.name, /^ehc-timeline-[a-z0-9-]+-deadlines-2025-10-31\.ics$/);
  assert.ok(calendar.text.replace(/\r\n /g, '').includes(SCRIPT), calendar.text);
  const exported = await download(page, page.getByRole('button', { name: 'Export this case' }));
  assert.match(exported.name, /^ehc-timeline-[a-z0-9-]+-2025-10-31\.json$/);
  const [original] = hostileFile().cases;
  assert.deepEqual(JSON.parse(exported.text).cases, [original]);
  assert.equal(JSON.parse(exported.text)['x-made-by'], IMG, 'a field outside the cases is written back');
  await page.getByRole('link', { name: 'Back to your cases' }).click();
  const sheet = await download(page, page.getByRole('button', { name: 'Download every deadline as a spreadsheet (CSV)' }));
  assert.ok(sheet.text.includes(`"${SCRIPT.replaceAll('"', '""')}"`) || sheet.text.includes(SCRIPT), sheet.text.slice(0, 400));
  await assertInert(page, seen, 'downloads', scripts);
  assert.deepEqual(leaving(seen.requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});
