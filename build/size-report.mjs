// Prints the size of every file in dist/ (raw, gzip -9, brotli -11), grouped
// into the first load (every file the page itself loads: all the service
// worker caches when it installs but the parts `locked` and `lock`), each part loaded on
// demand (src/parts.rs) and the home-screen icons, and checks each against
// size-budget.json. Sizes are deterministic for a build, so this is a test
// that cannot flake: it fails only when a limit is exceeded.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isHostFile } from './host.mjs';
import { isHomeScreenIcon, partOf } from './parts.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const budget = JSON.parse(await readFile(join(root, 'size-budget.json'), 'utf8'));

const FIRST_LOAD = 'first load';
const ICONS = 'home-screen icons';
const groups = new Map();
for (const name of (await readdir(dist)).filter((name) => !isHostFile(name)).sort()) {
  const bytes = await readFile(join(dist, name));
  const group = partOf(name) ? `part "${partOf(name)}"` : isHomeScreenIcon(name) ? ICONS : FIRST_LOAD;
  if (!groups.has(group)) groups.set(group, []);
  groups.get(group).push({
    name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const line = (name, row) => console.log(`${name.padEnd(44)}${kb(row.raw)}${kb(row.gzip)}${kb(row.brotli)}`);
const sum = (rows) =>
  rows.reduce((total, row) => ({ raw: total.raw + row.raw, gzip: total.gzip + row.gzip, brotli: total.brotli + row.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
const spare = (gzip, limit) =>
  gzip > limit ? `over by ${kb(gzip - limit).trim()}` : `${kb(limit - gzip).trim()} to spare`;

const failures = [];
console.log(`${'file'.padEnd(44)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const [group, rows] of [...groups].sort(([a], [b]) => (a === FIRST_LOAD ? -1 : b === FIRST_LOAD ? 1 : a.localeCompare(b)))) {
  for (const row of rows) line(`  ${row.name}`, row);
  const total = sum(rows);
  line(group, total);
  if (group === ICONS) {
    console.log();
    continue;
  }
  // A part may have an interim limit above the parts' one, said beside it.
  const interim = budget.interim_part_gzip?.[partOf(rows[0].name)];
  const limit = group === FIRST_LOAD ? budget.max_total_gzip : (interim ?? budget.max_part_gzip);
  const aim =
    group === FIRST_LOAD
      ? `aim ${kb(budget.aim_total_gzip).trim()} (${spare(total.gzip, budget.aim_total_gzip)}), `
      : interim
        ? `parts' limit ${kb(budget.max_part_gzip).trim()} (${spare(total.gzip, budget.max_part_gzip)}), interim `
        : '';
  console.log(`  budget (gzip): ${aim}limit ${kb(limit).trim()} (${spare(total.gzip, limit)})\n`);
  if (total.gzip > limit) failures.push(`${group}: over its limit by ${kb(total.gzip - limit).trim()} (gzip)`);
}
// `--report` (make bench) prints the figures and says when a limit is
// exceeded, but leaves failing to `make size`.
for (const failure of failures) console.error(`size budget exceeded: ${failure}`);
if (failures.length && !process.argv.includes('--report')) process.exit(1);
