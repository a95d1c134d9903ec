// The wasm's integrity, checked by the browser. Trunk pins the wasm's hash on
// its preload link, which Chromium ignores (a fetch preload cannot carry one,
// crbug.com/981419, and it warns on every load), and its loader fetches the
// wasm with no integrity. The hash moves from the preload to the loader's
// fetch: a wasm that is not this build's is refused, and the preload is still
// the response the loader uses. The loader is left with that alone: trunk's
// extras (the module's bindings kept on `window`, a "TrunkApplicationStarted"
// event) serve nothing here, the app starting itself (src/main.rs).
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

/** Trunk 0.21's loader's lines that nothing uses, each as it writes them, and what each becomes. */
const UNUSED = [
  ['import init, * as bindings from', 'import init from'],
  ['const wasm = await init(', 'await init('],
  [/\s*window\.wasmBindings = bindings;/, ''],
  [/\s*dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);/, ''],
];

/** `html` whose loader only loads the app, and without blank lines. */
export function withLeanLoader(html) {
  for (const [line, kept] of UNUSED) {
    if (typeof line === 'string' ? !html.includes(line) : !line.test(html)) throw new Error(`index.html's loader has no ${line} as trunk 0.21 writes it`);
    html = html.replace(line, kept);
  }
  return html.replace(/\n\s*\n/g, '\n');
}

/** Rewrites the loader of index.html in trunk's staging folder. */
export async function writeWasmIntegrity(staging) {
  const path = join(staging, 'index.html');
  await writeFile(path, withLeanLoader(withWasmIntegrity(await readFile(path, 'utf8'))));
  console.log('wasm integrity: the loader fetches the wasm with its hash');
}
