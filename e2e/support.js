// Shared set-up for the end-to-end tests: a static server for the built app
// in dist/, Debian's Chromium driven by playwright-core, and screenshots kept
// under e2e/screenshots/ to be looked at.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { securityHeaders } from '../build/headers.mjs';
import { isHashed } from '../build/host.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// EHC_DIST: another build to test (`trunk build --dist DIR`); dist/ by default.
export const dist = resolve(process.env.EHC_DIST ?? join(root, 'dist'));
export const screenshots = process.env.EHC_SCREENSHOTS ?? join(root, 'e2e', 'screenshots');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

export { securityHeaders };

/** The encodings `make serve` sends, best first, with the extension of their copy. */
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

/**
 * Serves dist/ under `base` (a path ending in `/`; EHC_BASE, or `/`) on
 * `host` at `port` (0: a free one), as a static host would: each file's
 * compressed copy (`.br`, `.gz`) when the request accepts it, with the
 * security headers, and long caching for hashed files (as `_headers` says). Resolves to { url, close, overrides, requests }. A test can
 * put a path's replacement text in `overrides` (a Map, keyed by the path under
 * `base`), as a new deployment would; `requests` lists every path asked for,
 * in full.
 * `make serve` and the tests use this server.
 */
export async function serveDist({ host = '127.0.0.1', port = 0, base = process.env.EHC_BASE ?? '/' } = {}) {
  const overrides = new Map();
  const requests = [];
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const full = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    requests.push(full);
    if (!full.startsWith(base)) {
      response.writeHead(404).end('not found');
      return;
    }
    const path = `/${full.slice(base.length)}`;
    const file = normalize(join(dist, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dist)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const override = overrides.get(path);
      const body = override ?? (await readFile(file));
      const headers = {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        vary: 'accept-encoding',
        ...securityHeaders(file, body),
        // As `_headers` tells a host: a hashed name never changes content.
        // (Chromium fetches the page's icon outside the service worker, so
        // offline it comes from this cache, as from a real host's.)
        ...(isHashed(basename(file)) ? { 'cache-control': 'public, max-age=31536000, immutable' } : {}),
      };
      const accepted = String(request.headers['accept-encoding'] ?? '');
      let sent = body;
      for (const [encoding, extension] of override ? [] : ENCODINGS) {
        if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
        const copy = await readFile(file + extension).catch(() => null);
        if (copy) {
          headers['content-encoding'] = encoding;
          sent = copy;
          break;
        }
      }
      response.writeHead(200, headers);
      response.end(sent);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    overrides,
    requests,
    url: `http://${address.address}:${address.port}${base}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Debian's Chromium, headless, with no network of its own. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * A new page on a fresh context whose clock reads `today` (a calendar date,
 * "2025-10-31"), in a window of `viewport` ({ width, height,
 * deviceScaleFactor }: a 640 px window at factor 2 is 1280 px at 200% zoom),
 * with every console error and page error collected, and the paths the page
 * itself requested.
 */
export async function openApp(browser, url, { today = '2025-10-31', viewport } = {}) {
  const { width = 1024, height = 900, deviceScaleFactor = 1 } = viewport ?? {};
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  // Only Date is fixed; timers run as usual.
  await context.clock.setFixedTime(new Date(`${today}T12:00:00`));
  const page = await context.newPage();
  const errors = [];
  // What the page itself fetched (not its service worker), from the first load on.
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { context, page, errors, requests };
}

const axeSource = await readFile(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * The WCAG 2.2 A and AA violations axe-core finds on the page, as lines of
 * text. It runs through the DevTools protocol, so the page's strict
 * Content-Security-Policy stays on.
 */
export async function accessibilityViolations(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`);
}

/**
 * A full-page screenshot, e2e/screenshots/NAME.png, taken once the screen is
 * checked not to look broken (the stylesheet applied, nothing wider than the
 * window, no text spilling out of its box, no error in the console) and to
 * have no accessibility violation axe-core can find.
 */
export async function screenshot(page, name, errors = []) {
  const problems = await page.evaluate(() => {
    const found = [];
    const header = document.querySelector('header');
    if (!header || getComputedStyle(header).backgroundColor === 'rgba(0, 0, 0, 0)') {
      found.push('the stylesheet is not applied (the header has no background)');
    }
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
      found.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
    }
    // What scrolls inside a box of its own (the picture of a case) may be wider.
    const scrolls = (element) => {
      for (let up = element.parentElement; up && up.tagName !== 'MAIN'; up = up.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
      }
      return false;
    };
    for (const element of document.querySelectorAll('main *')) {
      if (scrolls(element)) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) {
        found.push(`<${element.tagName.toLowerCase()}> "${element.textContent.slice(0, 40)}" runs off the right edge`);
      }
    }
    return found;
  });
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  assert.deepEqual(problems, [], `screen "${name}" looks broken`);
  assert.deepEqual(await accessibilityViolations(page), [], `screen "${name}" has accessibility violations`);
  assert.deepEqual(errors, [], `screen "${name}" logged errors`);
}

/**
 * For a test file: serves dist/ and launches Chromium before its tests, and
 * stops both after them. Returns { server, browser }, filled in by `before`.
 */
export function appUnderTest() {
  const shared = {};
  before(async () => {
    shared.server = await serveDist();
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** Imports the bundled example `name` through the import page. */
export async function importExample(page, name) {
  const text = await readFile(join(root, 'examples', `${name}.json`));
  await page.getByRole('link', { name: 'Import a case file' }).click();
  await page.getByLabel('Case file').setInputFiles({ name: `${name}.json`, mimeType: 'application/json', buffer: text });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
}

/** Fills the GOV.UK date input whose legend is `legend` (default "Date"). */
export async function fillDate(page, [day, month, year], legend = 'Date') {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day').fill(String(day));
  await group.getByLabel('Month').fill(String(month));
  await group.getByLabel('Year').fill(String(year));
}

/** Adds a case from the case list and waits for its page. */
export async function addCase(page, { child, council, reference }) {
  await page.getByRole('link', { name: 'Add a case' }).click();
  await page.getByLabel("Child's name or initials").fill(child);
  if (council) await page.getByLabel('Council').fill(council);
  if (reference) await page.getByLabel('Case reference (optional)').fill(reference);
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.getByRole('heading', { level: 1, name: child }).waitFor();
}

/** Logs a milestone from a case page and waits for the case page again. */
export async function logMilestone(page, what, date, { who, note, document } = {}) {
  await page.getByRole('link', { name: 'Log a milestone' }).click();
  await page.getByRole('heading', { level: 1, name: 'Log a milestone' }).waitFor();
  await page.getByLabel('What happened').selectOption({ label: what });
  await fillDate(page, date);
  if (who) await page.getByLabel('Who (optional)').fill(who);
  if (note) await page.getByLabel('Note (optional)').fill(note);
  if (document) await page.getByLabel('Document reference (optional)').fill(document);
  await page.getByRole('button', { name: 'Save milestone' }).click();
  await page.getByRole('heading', { level: 2, name: 'Deadlines' }).waitFor();
}

/** Clicks `button` and returns the download it starts: { name, bytes, text }. */
export async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const bytes = await readFile(await file.path());
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/**
 * The records the app keeps in IndexedDB, each case id to the stored text of
 * its record (`{"rev": N, "case": {...}}`); `{}` when there is no store yet
 * (and then nothing is left behind for the app to trip on).
 */
export function storedRecords(page) {
  return storedObjects(page, 'cases');
}

/**
 * What the object store `store` ('cases' or 'meta') of the app's database
 * holds, key to value; {} when there is no database.
 */
export function storedObjects(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ehc-timeline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            indexedDB.deleteDatabase('ehc-timeline').onsuccess = () => resolve({});
            return;
          }
          const transaction = db.transaction(store);
          const objects = transaction.objectStore(store);
          const keys = objects.getAllKeys();
          const values = objects.getAll();
          transaction.oncomplete = () => {
            db.close();
            resolve(Object.fromEntries(keys.result.map((key, i) => [key, values.result[i]])));
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    store,
  );
}

/**
 * Everything the app stores, as one text: every localStorage key and
 * value, and every key and value of its database's object stores.
 */
export async function everythingStored(page) {
  const local = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  const cases = await storedObjects(page, 'cases');
  const meta = await storedObjects(page, 'meta');
  return [local, JSON.stringify(cases), JSON.stringify(meta)].join('\n');
}

export async function storedCases(page) {
  return Object.values(await storedRecords(page)).map((text) => JSON.parse(text).case);
}

/**
 * Waits until the cases stored satisfy `holds` (a save takes a moment after
 * the change a page shows: a reload at once, on a busy machine, can come
 * first), for at most 5 seconds; `what` says what was awaited.
 */
export async function untilStored(page, holds, what) {
  for (let tries = 0; !holds(await storedCases(page)); tries += 1) {
    assert.ok(tries < 100, `within 5 seconds: ${what}`);
    await page.waitForTimeout(50);
  }
}

/**
 * A small, valid PDF of `pages` A4 pages, page N saying `${text} page N`,
 * with a right cross-reference table, so every reader (poppler, the bundle's)
 * takes it as it is.
 */
export function tinyPdf(text, pages = 1) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>'];
  const kids = [];
  const pageObjects = [];
  for (let n = 1; n <= pages; n += 1) {
    const page = 4 + (n - 1) * 2;
    kids.push(`${page} 0 R`);
    const stream = `BT /F1 18 Tf 72 720 Td (${text} page ${n}) Tj ET`;
    pageObjects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${page + 1} 0 R >>`,
      `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    );
  }
  objects.push(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  objects.push(...pageObjects);
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** One chunk of a PNG: its length, type, data and CRC. */
export function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG of `width` by `height` pixels of one opaque colour `[r, g, b]`. */
export function solidPng(width, height, [r, g, b]) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
