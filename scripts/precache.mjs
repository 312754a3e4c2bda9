// Writes into the built sw.js the build's version and the exact files it serves (Trunk's hashed names, found in the
// staging directory), so the service worker caches precisely this build. The version is a SHA-256 over every file's
// path and bytes: any change to any file makes a new worker, which the app offers as an update.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';

const MARK = '/* build */ null';
const WORKER = 'sw.js';
// Served by the page's own origin but never needed offline.
const SKIP = new Set([WORKER, 'robots.txt']);

function files(dir, root = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), root) : [relative(root, join(dir, e.name)).split('\\').join('/')],
  );
}

// The build's description as the worker reads it: `{ version, files }`, files as absolute paths, sorted.
export function describe(dir) {
  const names = files(dir).filter((f) => !SKIP.has(f)).sort();
  const hash = createHash('sha256');
  for (const name of names) hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  return { version: hash.digest('hex').slice(0, 16), files: names.map((n) => '/' + n) };
}

export function fillPrecache(dir) {
  const file = join(dir, WORKER);
  const source = readFileSync(file, 'utf8');
  if (!source.includes(MARK)) throw new Error(`${WORKER} has no ${MARK} to fill with the build's files`);
  const build = describe(dir);
  if (!build.files.includes('/index.html')) throw new Error('the build has no index.html to precache');
  writeFileSync(file, source.replace(MARK, () => JSON.stringify(build)));
  console.log(`precache: ${build.files.length} files, version ${build.version}`);
}
