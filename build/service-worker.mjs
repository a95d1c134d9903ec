// Trunk post-build hook: writes sw.js into the build, from assets/sw.js with
// the list of this build's files and a version made from their contents, so a
// new build is a new cache and an old one is never mixed with it; minified,
// as the rest of the build's JavaScript is. SHELL is cached when the worker
// installs (the first load, and the parts `locked` and `lock`, which open a
// locked store and show its Unlock page); LATER (the other parts loaded on demand, and the home-screen
// icons) when the page asks, once its first screen is usable.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { transform } from 'esbuild';
import { isHomeScreenIcon, KEPT_AT_INSTALL, partOf } from './parts.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

async function files(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await files(path)));
    else found.push(path);
  }
  return found;
}

const built = (await files(staging))
  .map((path) => relative(staging, path).split('\\').join('/'))
  .filter((name) => name !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const name of built) {
  hash.update(name);
  hash.update(await readFile(join(staging, name)));
}
const version = hash.digest('hex').slice(0, 16);
const url = (name) => `./${name}`;
const atInstall = (name) => (!partOf(name) && !isHomeScreenIcon(name)) || KEPT_AT_INSTALL.includes(partOf(name));
const shell = ['./', ...built.filter(atInstall).map(url)];
const later = built.filter((name) => !atInstall(name)).map(url);
const body = await readFile(new URL('../assets/sw.js', import.meta.url), 'utf8');
// The body alone is minified: VERSION, SHELL and LATER stay as written, one
// line each, for the tests that stand in a new version.
const { code } = await transform(body, { loader: 'js', minify: true, legalComments: 'none' });
await writeFile(
  join(staging, 'sw.js'),
  `const VERSION = ${JSON.stringify(version)};\nconst SHELL = ${JSON.stringify(shell)};\nconst LATER = ${JSON.stringify(later)};\n${code}`,
);
console.log(`service worker: version ${version}, ${shell.length} files, then ${later.length} on demand`);
