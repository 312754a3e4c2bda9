// End-to-end: the built page's Content-Security-Policy allows scripts only from its own origin and Trunk's inline
// loader by hash (no 'unsafe-inline'), is enforced (an injected inline script does not run), and the app runs under
// it. Every other end-to-end file also fails on any violation (support.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, cspViolations, launchChromium, serveDist } from './support.mjs';
import { cspHash, inlineScripts } from '../../scripts/csp-hash.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const policyOf = (html) => {
  const meta = html.match(/<meta[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/i)?.[0];
  assert.ok(meta, 'index.html has a Content-Security-Policy meta tag');
  const content = meta.match(/content="([^"]*)"/)[1];
  return Object.fromEntries(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
};

test("the built policy names each inline script's hash and allows nothing else inline", async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const policy = policyOf(html);
  const scripts = inlineScripts(html);
  assert.ok(scripts.length >= 1, "Trunk's loader is inline");
  const hashes = policy['script-src'].filter((v) => v.startsWith("'sha256-"));
  assert.deepEqual(hashes.sort(), [...new Set(scripts.map(cspHash))].sort(), 'one hash per inline script, of the built text');
  assert.deepEqual(policy['script-src'].filter((v) => !v.startsWith("'sha256-")), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(policy['default-src'], ["'self'"]);
  assert.deepEqual(policy['connect-src'], ["'self'"]);
  assert.deepEqual(policy['object-src'], ["'none'"]);
  assert.deepEqual(policy['base-uri'], ["'none'"]);
  assert.deepEqual(policy['form-action'], ["'none'"]);
  assert.ok(!html.includes('unsafe-inline'), "no 'unsafe-inline' anywhere in the policy");
});

test('the app runs under the policy, and an injected inline script is refused', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + '/');
  await page.getByText('No clients yet', { exact: false }).waitFor();
  assert.deepEqual(cspViolations, [], 'the app itself breaks nothing');
  const { ran, refused } = await page.evaluate(async () => {
    let refused = false;
    document.addEventListener('securitypolicyviolation', () => (refused = true), { once: true });
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    // An inline script runs as it is inserted; the violation is reported within a few frames.
    for (let i = 0; i < 100 && !refused; i++) await new Promise(requestAnimationFrame);
    return { ran: window.__injected === true, refused };
  });
  assert.equal(ran, false, 'an inline script not in the policy does not run');
  assert.equal(refused, true, 'and the refusal is reported');
  // The binding reports asynchronously: wait for it frame by frame (no fixed sleep).
  for (let i = 0; i < 100 && cspViolations.length === 0; i++) await page.evaluate(() => new Promise(requestAnimationFrame));
  const reported = cspViolations.splice(0);
  assert.equal(reported.length, 1, JSON.stringify(reported));
  assert.equal(reported[0].directive, 'script-src-elem');
  await page.close();
});
