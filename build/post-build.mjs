// Trunk post-build hook. Trunk 0.21 starts the hooks of one stage at the same
// time, so the steps that must follow each other are one hook, in order: the
// JavaScript and CSS are minified (with their integrity hashes in index.html),
// the Content-Security-Policy is made final in index.html, then the service
// worker is written with the hash of every file of the build, index.html as
// it will be served included.
import { writePolicy } from './csp.mjs';
import { minifyBuild } from './minify.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

await minifyBuild(staging);
await writePolicy(staging);
await import('./service-worker.mjs');
