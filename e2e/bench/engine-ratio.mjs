// The engine's time in the browser against its time natively: reads the
// "engine (...)" lines the two benchmarks printed (benches/portfolio.rs and
// tests/wasm_bench.rs, saved by `make bench`) and prints their ratio.
// Usage: node e2e/bench/engine-ratio.mjs NATIVE.txt WASM.txt
import { readFile } from 'node:fs/promises';

/** The median (ms) on a file's "engine (...)" line. */
async function median(file) {
  const text = await readFile(file, 'utf8');
  const found = text.match(/^engine \((.+)\):.*median of \d+ runs: ([\d.]+) ms/m);
  if (!found) throw new Error(`${file} has no "engine (...)" line`);
  return { platform: found[1], ms: Number(found[2]) };
}

const [native, wasm] = await Promise.all(process.argv.slice(2, 4).map(median));
console.log(
  `engine: ${wasm.platform} ${wasm.ms.toFixed(2)} ms, ${native.platform} ${native.ms.toFixed(2)} ms: ` +
    `the browser takes ${(wasm.ms / native.ms).toFixed(2)} times as long`,
);
