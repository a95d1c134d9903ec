// Prints the size of every file in dist/ (raw, gzip -9, brotli -11) and the
// total, the first-load transfer of the app, and checks it against
// size-budget.json. Sizes are deterministic for a build, so this is a test
// that cannot flake: it fails only when the limit is exceeded.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isHostFile } from './host.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const budget = JSON.parse(await readFile(join(root, 'size-budget.json'), 'utf8'));

const rows = [];
for (const name of (await readdir(dist)).filter((name) => !isHostFile(name)).sort()) {
  const bytes = await readFile(join(dist, name));
  rows.push({
    name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  });
}
const total = rows.reduce(
  (sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
console.log(`${'file'.padEnd(44)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const row of [...rows, { name: 'total', ...total }]) {
  console.log(`${row.name.padEnd(44)}${kb(row.raw)}${kb(row.gzip)}${kb(row.brotli)}`);
}
const over = (limit) =>
  total.gzip > limit ? `over by ${kb(total.gzip - limit).trim()}` : `${kb(limit - total.gzip).trim()} to spare`;
console.log(
  `budget (gzip): total ${kb(total.gzip).trim()}; aim ${kb(budget.aim_total_gzip).trim()} (${over(budget.aim_total_gzip)}), limit ${kb(budget.max_total_gzip).trim()} (${over(budget.max_total_gzip)})`,
);
// `--report` (make bench) prints the figures and says when the limit is
// exceeded, but leaves failing to `make size`.
if (total.gzip > budget.max_total_gzip) {
  console.error(`size budget exceeded by ${kb(total.gzip - budget.max_total_gzip).trim()} (gzip)`);
  if (!process.argv.includes('--report')) process.exit(1);
}
