// Part of the Trunk post-build hook (post-build.mjs): puts the SHA-256 of every inline script of the built index.html (Trunk's loader, whose
// text names the hashed file names and so changes with every build) into the Content-Security-Policy's meta tag in
// place of the `'inline-script-hashes'` placeholder, so the policy needs no 'unsafe-inline' for scripts. Fails the
// build if the meta tag, its placeholder or the inline script is missing. (`trunk serve` rewrites its live-reload
// script after this hook, so its hash could not match: scripts/serve.sh serves without live reload.)
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const PLACEHOLDER = "'inline-script-hashes'";

// The text of each <script> without a src attribute, exactly as it stands in the file (what CSP hashes).
export function inlineScripts(html) {
  const scripts = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/i.test(m[1])) scripts.push(m[2]);
  }
  return scripts;
}

export const cspHash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Fills the policy of `dir`/index.html (called by post-build.mjs).
export function fillCsp(dir) {
  const file = join(dir, 'index.html');
  const html = readFileSync(file, 'utf8');
  const scripts = inlineScripts(html);
  if (scripts.length === 0) throw new Error('index.html has no inline script (Trunk\'s loader) to hash');
  const hashes = [...new Set(scripts.map(cspHash))].join(' ');
  // Only inside the policy's own meta tag (a comment elsewhere may name the placeholder too).
  const metas = html.match(/<meta[^>]*Content-Security-Policy[^>]*>/gi) ?? [];
  if (metas.length !== 1 || !metas[0].includes(PLACEHOLDER)) {
    throw new Error(`index.html needs one Content-Security-Policy meta tag with ${PLACEHOLDER} in it`);
  }
  const filled = metas[0].replaceAll(PLACEHOLDER, hashes);
  writeFileSync(file, html.replace(metas[0], () => filled));
  console.log(`csp-hash: ${scripts.length} inline script(s) hashed into the Content-Security-Policy`);
}
