// What a static host needs beside the built files, written last in the
// post-build hook: every file also as .gz and .br (for a server that sends a
// file's compressed copy as it is, as `make serve`, nginx's gzip_static and
// brotli_static do), and `_headers` (Netlify, Cloudflare Pages) with the
// security headers `make serve` sends and long caching for hashed files.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { securityHeaders } from './headers.mjs';

/** Files that are not the app: the compressed copies and the host's own. */
export function isHostFile(name) {
  return /\.(gz|br)$/.test(name) || name === '_headers';
}

/**
 * A hashed name (trunk's `-0123456789abcdef` before the extension) never
 * changes content. Trunk writes its 64-bit hash in hex without leading zeros,
 * so one build in 256 has 15 digits or fewer (`ehc-timeline-8fd8e1da34be81`
 * has 14): at least 10 are taken, which a hash falls below once in about
 * 270 million builds, and no unhashed name has (`icon-192.png`).
 */
export function isHashed(name) {
  return /-[0-9a-f]{10,16}(_bg)?\.[a-z]+$/.test(name);
}

/** The `_headers` file for the built `index.html`. */
export function headersFile(html, names) {
  const lines = ['/*'];
  for (const [name, value] of Object.entries(securityHeaders('index.html', html))) {
    lines.push(`  ${name}: ${value}`);
  }
  for (const name of names.filter(isHashed)) {
    lines.push(`/${name}`, '  cache-control: public, max-age=31536000, immutable');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the compressed copies of every file in `dir`, and `_headers`. */
export async function writeHostFiles(dir) {
  const names = (await readdir(dir)).filter((name) => !isHostFile(name)).sort();
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    await writeFile(join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
    await writeFile(
      join(dir, `${name}.br`),
      brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
  await writeFile(join(dir, '_headers'), headersFile(await readFile(join(dir, 'index.html'), 'utf8'), names));
  console.log(`host files: ${names.length} files also as .gz and .br, and _headers`);
}
