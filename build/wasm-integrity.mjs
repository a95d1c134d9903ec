// The wasm's integrity, checked by the browser. Trunk pins the wasm's hash on
// its preload link, which Chromium ignores (a fetch preload cannot carry one,
// crbug.com/981419, and it warns on every load), and its loader fetches the
// wasm with no integrity. The hash moves from the preload to the loader's
// fetch: a wasm that is not this build's is refused, and the preload is still
// the response the loader uses.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PRELOAD = /<link\b[^>]*\bhref="([^"]+_bg\.wasm)"[^>]*\bintegrity="([^"]+)"[^>]*>/;

/** `html` whose loader fetches the wasm with the integrity its preload pinned. */
export function withWasmIntegrity(html) {
  const preload = PRELOAD.exec(html);
  if (!preload) throw new Error('index.html has no preload of the wasm with its integrity');
  const [tag, href, value] = preload;
  const loader = `module_or_path: '${href}' }`;
  if (!html.includes(loader)) throw new Error(`index.html's loader does not fetch ${href} as trunk 0.21 writes it`);
  return html
    .replace(tag, () => tag.replace(/\s+integrity="[^"]*"/, ''))
    .replace(loader, () => `module_or_path: fetch('${href}', { integrity: '${value}' }) }`);
}

/** Rewrites the loader of index.html in trunk's staging folder. */
export async function writeWasmIntegrity(staging) {
  const path = join(staging, 'index.html');
  await writeFile(path, withWasmIntegrity(await readFile(path, 'utf8')));
  console.log('wasm integrity: the loader fetches the wasm with its hash');
}
