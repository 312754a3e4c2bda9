// Trunk post-build hook, run in the staging directory before the build moves to dist/: first the
// Content-Security-Policy's script hashes (csp-hash.mjs, since it changes index.html), then the service worker's
// list of this build's files and its version (precache.mjs, over the final bytes of every file).
import { fillCsp } from './csp-hash.mjs';
import { fillPrecache } from './precache.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run as a Trunk post_build hook');
fillCsp(dir);
fillPrecache(dir);
