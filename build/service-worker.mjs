// Trunk post-build hook: writes sw.js into the build, from assets/sw.js with
// the list of this build's files and a version made from their contents, so a
// new build is a new cache and an old one is never mixed with it; minified,
// as the rest of the build's JavaScript is.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { transform } from 'esbuild';

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

const shell = (await files(staging))
  .map((path) => relative(staging, path).split('\\').join('/'))
  .filter((name) => name !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const name of shell) {
  hash.update(name);
  hash.update(await readFile(join(staging, name)));
}
const version = hash.digest('hex').slice(0, 16);
const urls = ['./', ...shell.map((name) => `./${name}`)];
const body = await readFile(new URL('../assets/sw.js', import.meta.url), 'utf8');
// The body alone is minified: VERSION and SHELL stay as written, one line
// each, for the tests that stand in a new version.
const { code } = await transform(body, { loader: 'js', minify: true, legalComments: 'none' });
await writeFile(
  join(staging, 'sw.js'),
  `const VERSION = ${JSON.stringify(version)};\nconst SHELL = ${JSON.stringify(urls)};\n${code}`,
);
console.log(`service worker: version ${version}, ${urls.length} files`);
