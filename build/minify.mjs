// Minifies the build's JavaScript (wasm-bindgen's glue, the service worker's
// registration) and its stylesheet with esbuild, which trunk 0.21 cannot do:
// its own minifier fails on wasm-bindgen's output. About 3 KB less to load,
// gzipped. Trunk's index.html pins each file it links with a Subresource
// Integrity hash, so each hash is made again for the minified file.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { transform } from 'esbuild';

const LOADERS = { '.js': 'js', '.css': 'css' };

/**
 * The `sha256-...` integrity value of `bytes`. SHA-256 (as the CSP's script
 * hashes), not trunk's SHA-384: 20 characters shorter, which gzip cannot
 * shrink, and the first load carries one for each part (in their loader)
 * besides index.html's.
 */
export function integrity(bytes) {
  return `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
}

/** `html` with the integrity of the element linking `name` set to `value`. */
export function withIntegrity(html, name, value) {
  const tag = new RegExp(`<[^>]*\\bhref="(?:\\.?/)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`, 'g');
  return html.replace(tag, (found) => found.replace(/\bintegrity="[^"]*"/, `integrity="${value}"`));
}

/** Minifies every .js and .css file of the build in `dir`, and updates index.html (without its comments). */
export async function minifyBuild(dir) {
  const indexPath = join(dir, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  let saved = 0;
  for (const name of (await readdir(dir)).sort()) {
    const loader = LOADERS[extname(name)];
    if (!loader) continue;
    const path = join(dir, name);
    const text = await readFile(path, 'utf8');
    const { code } = await transform(text, { loader, minify: true, legalComments: 'none' });
    await writeFile(path, code);
    html = withIntegrity(html, name, integrity(code));
    saved += Buffer.byteLength(text) - Buffer.byteLength(code);
  }
  // The page's comments are for whoever reads index.html in the repository.
  html = html.replace(/\s*<!--[\s\S]*?-->/g, '');
  await writeFile(indexPath, html);
  console.log(`minified the JavaScript and CSS: ${saved} bytes fewer before compression`);
}
