// Trunk post-build hook. Trunk 0.21 starts the hooks of one stage at the same
// time, so the steps that must follow each other are one hook, in order: each
// wasm's imports and hashed exports get short names (in its JavaScript too), the
// loader of the parts loaded on demand gets their wasm's hashes, the
// JavaScript and CSS are minified (with their integrity hashes in index.html),
// the loader fetches the wasm with its integrity hash (and does nothing else), the
// Content-Security-Policy is made final in index.html (the loader's hash), then the service
// worker is written with the hash of every file of the build, index.html as
// it will be served included; last, the copies and the file a static host
// needs (build/host.mjs).
import { writePolicy } from './csp.mjs';
import { writeHostFiles } from './host.mjs';
import { minifyBuild } from './minify.mjs';
import { writePartsIntegrity } from './parts.mjs';
import { writeWasmIntegrity } from './wasm-integrity.mjs';
import { writeShortNames } from './wasm-names.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

await writeShortNames(staging);
await writePartsIntegrity(staging);
await minifyBuild(staging);
await writeWasmIntegrity(staging);
await writePolicy(staging);
await import('./service-worker.mjs');
await writeHostFiles(staging);
