// Trunk post-build hook: puts the SHA-256 of every inline script of the built index.html (Trunk's loader, whose
// text names the hashed file names and so changes with every build; under `trunk serve` also the live-reload
// script) into the Content-Security-Policy in place of the `'inline-script-hashes'` placeholder, so the policy
// needs no 'unsafe-inline' for scripts. Fails the build if the placeholder or the inline script is missing.
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

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run as a Trunk post_build hook');
  const file = join(dir, 'index.html');
  const html = readFileSync(file, 'utf8');
  const scripts = inlineScripts(html);
  if (!html.includes(PLACEHOLDER)) throw new Error(`index.html has no ${PLACEHOLDER} in its Content-Security-Policy`);
  if (scripts.length === 0) throw new Error('index.html has no inline script (Trunk\'s loader) to hash');
  const hashes = [...new Set(scripts.map(cspHash))].join(' ');
  writeFileSync(file, html.replace(PLACEHOLDER, hashes));
  console.log(`csp-hash: ${scripts.length} inline script(s) hashed into the Content-Security-Policy`);
}
