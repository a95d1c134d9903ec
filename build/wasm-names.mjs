// Short names for what each wasm imports from its JavaScript and for its
// hashed exports. wasm-bindgen names every import after its function and a
// hash (`__wbg_indexedDB_26307da63b55488b`), and each closure's export too
// (`wasm_bindgen__convert__closures_____invoke__hda8f3a2625b48f47`). Each name
// is written twice, in the wasm and in its JavaScript, and the hashes do not
// compress: short names took 5.2 KB gzip from the first load (3.1 KB of the
// wasm, 2.1 KB of the JavaScript) and about as much from each part. Runs
// first in the post-build hook, before any integrity hash is made.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { integrity, withIntegrity } from './minify.mjs';

/**
 * wasm-bindgen's hashed export names, which only its JavaScript calls
 * (`wasm.NAME`); a closure's second export of the same hash has a suffix
 * (`..._h2cc59ea14de2ba2a_5`).
 */
const HASHED_EXPORT = /__h[0-9a-f]{16}(_\d+)?$/;

/** The `i`th short name: a, b, ..., Z, ba, ... (letters only, so never a number or an escape). */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name += letters[i % letters.length];
    i = Math.floor(i / letters.length);
  } while (i);
  return name;
}

/** `n` as an unsigned LEB128. */
function leb128(n) {
  const bytes = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    bytes.push(byte);
  } while (n);
  return Buffer.from(bytes);
}

/** A reader of a wasm's bytes from `at`. */
function reader(bytes, at) {
  const r = {
    at,
    u32() {
      let value = 0;
      let shift = 0;
      let byte;
      do {
        byte = bytes[r.at++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    },
    name() {
      const length = r.u32();
      r.at += length;
      return bytes.subarray(r.at - length, r.at).toString('utf8');
    },
  };
  return r;
}

/** A wasm name as written in a section: its length, then its UTF-8. */
function nameBytes(name) {
  const utf8 = Buffer.from(name, 'utf8');
  return Buffer.concat([leb128(utf8.length), utf8]);
}

/** Skips an import's description (function, table, memory or global) and returns its bytes. */
function importDescription(r, bytes) {
  const start = r.at;
  const kind = bytes[r.at++];
  if (kind === 0) r.u32();
  else if (kind === 1 || kind === 2) {
    if (kind === 1) r.at++;
    const flags = bytes[r.at++];
    r.u32();
    if (flags & 1) r.u32();
  } else if (kind === 3) r.at += 2;
  else throw new Error(`an import of a kind this reader does not know (${kind})`);
  return bytes.subarray(start, r.at);
}

/** `to`, the new name of `from`, recorded in `renamed`. */
function record(renamed, from, to) {
  renamed.set(from, to);
  return to;
}

/** A section that is a vector of entries, each written again by `entry(reader)` as a list of bytes. */
function rewriteVector(body, entry) {
  const r = reader(body, 0);
  const count = r.u32();
  const out = [leb128(count)];
  for (let i = 0; i < count; i++) out.push(...entry(r));
  return Buffer.concat(out);
}

/** The import section with the imports of the `_bg.js` module renamed, recording each in `renamed`. */
function renameImports(body, renamed) {
  return rewriteVector(body, (r) => {
    const module = r.name();
    let field = r.name();
    const description = importDescription(r, body);
    if (module.endsWith('_bg.js')) field = record(renamed, field, shortName(renamed.size));
    return [nameBytes(module), nameBytes(field), description];
  });
}

/** The export section with the hashed exports renamed `$0`, `$1`, ..., recording each in `renamed`. */
function renameExports(body, renamed) {
  return rewriteVector(body, (r) => {
    let name = r.name();
    const start = r.at;
    r.at++;
    r.u32();
    if (HASHED_EXPORT.test(name)) name = record(renamed, name, `$${renamed.size}`);
    return [nameBytes(name), body.subarray(start, r.at)];
  });
}

/** `js` with each whole name `from` of `renamed` replaced, which must occur `expected(from, count)` times. */
function renameInScript(js, renamed, expected) {
  for (const [from, to] of renamed) {
    const token = new RegExp(`(?<![\\w$])${from.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    const count = js.match(token)?.length ?? 0;
    if (!expected(count)) throw new Error(`the JavaScript names ${from} ${count} times, not as wasm-bindgen 0.2 writes it`);
    js = js.replace(token, () => to);
  }
  return js;
}

/**
 * The wasm `bytes` and its wasm-bindgen JavaScript `js` with short names for
 * the imports of the JavaScript (each defined once there) and the hashed
 * exports (called there as `wasm.NAME`). Fails rather than guess when the
 * JavaScript does not name each as expected.
 */
export function shortenNames(bytes, js) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const imports = new Map();
  const exports = new Map();
  const out = [bytes.subarray(0, 8)];
  const r = reader(bytes, 8);
  while (r.at < bytes.length) {
    const start = r.at;
    const id = bytes[r.at++];
    const size = r.u32();
    const body = bytes.subarray(r.at, r.at + size);
    r.at += size;
    if (id === 2 || id === 7) {
      const renamed = id === 2 ? renameImports(body, imports) : renameExports(body, exports);
      out.push(Buffer.from([id]), leb128(renamed.length), renamed);
    } else out.push(bytes.subarray(start, r.at));
  }
  js = renameInScript(js, imports, (count) => count === 1);
  js = renameInScript(js, exports, (count) => count >= 1);
  return { bytes: Buffer.concat(out), js, renamed: imports.size + exports.size };
}

/** Shortens the names of every wasm of the build in `dir` and its JavaScript; the first module's integrity follows in index.html. */
export async function writeShortNames(dir) {
  const indexPath = join(dir, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  let renamed = 0;
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith('_bg.wasm')) continue;
    const jsPath = join(dir, name.replace(/_bg\.wasm$/, '.js'));
    const short = shortenNames(await readFile(join(dir, name)), await readFile(jsPath, 'utf8'));
    await writeFile(join(dir, name), short.bytes);
    await writeFile(jsPath, short.js);
    html = withIntegrity(html, name, integrity(short.bytes));
    renamed += short.renamed;
  }
  await writeFile(indexPath, html);
  console.log(`wasm names: ${renamed} imports and exports given short names`);
}
