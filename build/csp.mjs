// The Content-Security-Policy of the built index.html: no inline script runs
// but those trunk wrote into this very build (the module that loads the
// wasm), each allowed by its sha256. Anything else inline (a style, an event
// handler attribute, a javascript: link) fails the build, since the policy
// would block it in the browser.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const META = /<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"\s*\/?>/i;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The sha256 source expression of an inline script's exact text. */
export function scriptHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** What in `html` a strict policy would block and no hash can allow. */
export function blockedInline(html) {
  const found = [];
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    if (/^<style\b/i.test(tag)) found.push('a <style> element');
    for (const [, attribute] of tag.matchAll(/\s(on[a-z]+|style)\s*=/gi)) found.push(`the attribute ${attribute}`);
    if (/\s(href|src|action)\s*=\s*["']?\s*javascript:/i.test(tag)) found.push('a javascript: URL');
  }
  return found;
}

/**
 * `html` with every inline script's hash added to the script-src of its CSP
 * meta tag. Throws when there is no such tag, or something inline that the
 * policy would block.
 */
export function withScriptHashes(html) {
  const meta = html.match(META);
  if (!meta) throw new Error('index.html has no Content-Security-Policy meta tag');
  const blocked = blockedInline(html);
  if (blocked.length) {
    throw new Error(`index.html has inline code the policy would block: ${blocked.join(', ')}`);
  }
  const hashes = [...html.matchAll(SCRIPT)]
    .filter(([, attributes]) => !/\bsrc\s*=/i.test(attributes))
    .map(([, , text]) => scriptHash(text));
  const directives = meta[1].split(';').map((directive) => directive.trim()).filter(Boolean);
  const script = directives.findIndex((directive) => directive.startsWith('script-src '));
  if (script < 0) throw new Error('the Content-Security-Policy has no script-src');
  if (/'unsafe-inline'/.test(directives[script])) throw new Error("script-src must not allow 'unsafe-inline'");
  directives[script] = [directives[script], ...new Set(hashes)].join(' ');
  return html.replace(META, (tag) => tag.replace(meta[1], () => directives.join('; ')));
}

/** Rewrites index.html in trunk's staging folder with its scripts' hashes. */
export async function writePolicy(staging) {
  const path = join(staging, 'index.html');
  const html = withScriptHashes(await readFile(path, 'utf8'));
  await writeFile(path, html);
  const scripts = (html.match(/'sha256-/g) ?? []).length;
  console.log(`content security policy: ${scripts} inline script${scripts === 1 ? '' : 's'} allowed by hash`);
}
