// The parts loaded on demand (src/parts.rs, src/bin/part-*.rs): the pages a
// family opens rarely, each a wasm module of its own that the page loads the
// first time one of its pages is opened (assets/load-parts.js). They are not
// part of the first load; the service worker keeps them once the first
// screen is usable.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { integrity } from './minify.mjs';

const PART_FILE = /^part-([a-z]+)(\.js|_bg\.wasm)$/;

/**
 * The parts the service worker keeps when it installs, beside the first load:
 * `locked`, which opens every start but the usual one for the first module
 * and keeps the store (src/store_part.rs), and `lock`, whose Unlock page a
 * locked store shows first, so that a locked store opens offline, right after
 * a new version took over too. They are not part of the first load.
 */
export const KEPT_AT_INSTALL = ['locked', 'lock'];

/**
 * Whether a built file is a home-screen icon (the manifest's, and Apple's
 * touch icon): no screen shows them, so they are not part of the first load;
 * the service worker keeps them with the parts, once the first screen is
 * usable, for a phone that adds the app to its home screen offline.
 */
export function isHomeScreenIcon(name) {
  return /^icon-\d+\.png$/.test(name);
}

/** The part a built file belongs to (`print` for `part-print_bg.wasm`), or null for the first load. */
export function partOf(name) {
  return PART_FILE.exec(name)?.[1] ?? null;
}

/** Writes each part's wasm integrity into the loader, which fetches the wasm with it. */
export async function writePartsIntegrity(staging) {
  const hashes = {};
  for (const name of (await readdir(staging)).sort()) {
    if (partOf(name) && name.endsWith('_bg.wasm')) hashes[partOf(name)] = integrity(await readFile(join(staging, name)));
  }
  const path = join(staging, 'load-parts.js');
  const loader = await readFile(path, 'utf8');
  const placeholder = "{ PARTS_INTEGRITY: '' }";
  if (!loader.includes(placeholder)) throw new Error('load-parts.js has no integrity to fill in');
  await writeFile(path, loader.replace(placeholder, () => JSON.stringify(hashes)));
  console.log(`parts: ${Object.keys(hashes).join(', ')}, each fetched with its hash`);
}
