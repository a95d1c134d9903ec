// What each crate adds to the app's wasm: twiggy's size of every function and
// data segment, summed by the crate its name starts with (a generic function
// counts for the crate that defines it; `drop_in_place<T>` for T's crate), as
// a top-N table. Reads the wasm that trunk's wasm-bindgen step wrote, which
// keeps the function names that wasm-opt -Oz then strips from dist/; the
// shares are of that wasm. Usage: node e2e/bench/wasm-crates.mjs WASM [N].
import { execFileSync } from 'node:child_process';

const [wasm, top = '20'] = process.argv.slice(2);
if (!wasm) throw new Error('usage: node e2e/bench/wasm-crates.mjs WASM [N]');

const items = JSON.parse(
  execFileSync('twiggy', ['top', '--format', 'json', wasm], { maxBuffer: 256 * 2 ** 20 }),
);

/**
 * The crate a demangled name belongs to, what kind of wasm item it is, or
 * null for the function names, which wasm-opt strips from dist/.
 */
function owner(name) {
  if (/subsection$/.test(name)) return null;
  if (/^data segment|^data\[\d+\]$/.test(name)) return '(data: strings and constants)';
  if (/^(__wbindgen|__wbg_|__externref|import )/.test(name)) return 'wasm_bindgen';
  if (/^(elem|type|table|global|memory|export|code)\b/.test(name)) return '(wasm tables, types and exports)';
  const dropped = name.match(/^core(?:\[\w+\])?::ptr::drop_in_place<(.*)>$/);
  let path = (dropped ? dropped[1] : name).replace(/^(?:[<&*\s]|mut |dyn |const )+/, '');
  // A generic or primitive type's impl of a trait counts for the trait's crate.
  const impl = path.match(/^(?:[A-Z]\w*|str|char|bool|[iuf](?:8|16|32|64|128|size))(?:<[^>]*>)? as (.*)$/);
  if (impl) path = impl[1];
  if (/^(str|char|bool|[iuf](8|16|32|64|128|size))\b/.test(path)) return 'core';
  if (path === 'main') return 'ehc_timeline';
  const crate = path.match(/^([A-Za-z_]\w*)(?:\[\w+\])?::/);
  if (!crate) return '(other)';
  return crate[1] === '__rustc' ? 'std' : crate[1];
}

const sizes = new Map();
let total = 0;
for (const item of items) {
  const crate = owner(item.name);
  if (crate === null) continue;
  sizes.set(crate, (sizes.get(crate) ?? 0) + item.shallow_size);
  total += item.shallow_size;
}
const rows = [...sizes].sort((a, b) => b[1] - a[1]);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
  `\nWhat each crate adds to the wasm (twiggy; ${wasm}: ${kib(total)} without its function names, before wasm-opt -Oz)\n`,
);
console.log('| crate | size | share |\n|---|---|---|');
for (const [crate, bytes] of rows.slice(0, Number(top))) {
  console.log(`| ${crate} | ${kib(bytes)} | ${((100 * bytes) / total).toFixed(1)}% |`);
}
const rest = rows.slice(Number(top)).reduce((sum, [, bytes]) => sum + bytes, 0);
if (rest > 0) console.log(`| ${rows.length - Number(top)} others | ${kib(rest)} | ${((100 * rest) / total).toFixed(1)}% |`);
