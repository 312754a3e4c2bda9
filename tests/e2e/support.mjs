// Shared by the end-to-end tests and the benchmark: a static server for dist/ on loopback, and Debian's Chromium.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

export const DIST = resolve(new URL('../../dist', import.meta.url).pathname);

// Serves `root` on 127.0.0.1 at a free port. Unknown paths get index.html, as for any single-page app.
export async function serveDist(root = DIST) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (!(await stat(file)).isFile()) file = join(root, 'index.html');
    } catch {
      file = join(root, 'index.html');
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  // The server never keeps a test process alive by itself: a file whose `after` hook fails before closing it
  // (a policy violation found as the browser closes) still ends.
  server.unref();
  const { port } = server.address();
  // `close` also drops the browser's kept-alive connections: the server is gone at once, as when a device goes
  // offline (the offline tests stop it rather than emulate offline, which can miss a service worker's fetches).
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Every Content-Security-Policy violation seen in any page of any context made by `launchChromium`'s browser.
export const cspViolations = [];

// Debian's Chromium, headless; Playwright never downloads a browser here. Every context it makes (also through
// `browser.newPage()`) reports each `securitypolicyviolation` event of its pages, and closing the browser fails
// if any was seen, so every end-to-end test also checks that no page breaks the Content-Security-Policy. A test
// that provokes a violation on purpose takes it out of `cspViolations` itself.
export async function launchChromium() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on('page', openingUnlocks);
    const newPage = context.newPage.bind(context);
    context.newPage = async () => openingUnlocks(await newPage());
    await context.exposeBinding('__reportCspViolation', ({ page }, v) => cspViolations.push({ url: page.url(), ...v }));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__reportCspViolation({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
      });
    });
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    if (cspViolations.length > 0) {
      const seen = cspViolations.splice(0);
      throw new Error(`Content-Security-Policy violations: ${JSON.stringify(seen, null, 2)}`);
    }
  };
  return browser;
}

// The workspace passphrase and first user of every end-to-end test (the encryption tests use their own too).
export const PASSPHRASE = 'lantern orchard velvet';
export const USER = 'N. Sato';

// Opening the app (a load, a reload) stops at the first start or the unlock screen, as it does for a user: every
// page's `goto` and `reload` go through it, as the user would, before returning (the passphrase of `PASSPHRASE`;
// the first start also stores the recovery key away). `rawGoto`/`rawReload` stop at the screen itself, for the
// tests of that screen.
function openingUnlocks(page) {
  if (page.rawGoto) return page;
  page.rawGoto = page.goto.bind(page);
  page.rawReload = page.reload.bind(page);
  page.goto = async (url, options) => {
    const response = await page.rawGoto(url, options);
    await passGate(page);
    return response;
  };
  page.reload = async (options) => {
    const response = await page.rawReload(options);
    await passGate(page);
    return response;
  };
  return page;
}

// Waits for the app, the first start or the unlock screen, and goes through the last two as a user does.
export async function passGate(page, passphrase = PASSPHRASE) {
  // A test may name its page's first user itself (`page.gateUser`), in the language it tests.
  const screen = page.locator('nav.app-nav, #setup-heading, #unlock-heading, .banner-error').first();
  await screen.waitFor();
  const which = await screen.evaluate((e) => (e.id || e.className));
  if (which === 'setup-heading') {
    await page.locator('#field-security-username').fill(page.gateUser ?? USER);
    await page.locator('#field-security-passphrase').fill(passphrase);
    await page.locator('#field-security-passphraseagain').fill(passphrase);
    await page.locator('#setup-heading ~ form button[type=submit]').click();
    await page.locator('#recovery-stored').check();
    await page.locator('#recovery-continue').click();
  } else if (which === 'unlock-heading') {
    await page.locator('#field-security-passphrase').fill(passphrase);
    await page.locator('#unlock-heading ~ form button[type=submit]').click();
  } else {
    return;
  }
  await page.locator('nav.app-nav').waitFor();
}

// Registers a client named `name` and opens a case of `model` for them (opened on `openedOn`, `YYYY-MM-DD`, or
// today), as a user does; returns the case page's path.
export async function openCase(page, base, name, model, openedOn) {
  await page.goto(base + '/clients/new');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel(/^Phone/).first().fill('+81 90-1111-2222');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('link', { name: 'Open a case' }).click();
  await page.getByLabel('Specialty').selectOption({ label: 'Social work' });
  await page.getByLabel('Case management model').selectOption({ label: model });
  await page.getByLabel('Assigned case manager').fill('N. Sato');
  await page.getByLabel('Reason for referral').fill('Struggling at home after a fall');
  if (openedOn) await page.getByLabel('Opened on').fill(openedOn);
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('heading', { name: `Case for ${name}`, exact: true }).waitFor();
  return new URL(page.url()).pathname;
}

// A Date's local day as `YYYY-MM-DD`.
export const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

// The local day `n` days from today, as `YYYY-MM-DD`.
export function daysFromNow(n) {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return iso(d);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Checks the page as it is now, failing with everything found: axe-core's violations (axe is evaluated through the
// DevTools protocol, since a <script> tag would be refused by the page's own policy), any text field offered to the
// browser's autofill (health and social data never is), and a tab title other than the app's name (it never names
// a client).
export async function checkPage(page, what) {
  const offered = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=file]), textarea')]
      .filter((e) => e.getAttribute('autocomplete') !== 'off')
      .map((e) => e.id || e.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(offered, [], `${what}: fields offered to autofill`);
  const title = await page.title();
  assert.ok(['Care planner', 'ケアプランナー'].includes(title), `${what}: title ${title}`);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 2)}`);
}

// The buttons, button-styled links, disclosure summaries and case tabs on the page smaller than a 44 px touch
// target, as "text: width×height" (empty when all are large enough).
export const smallTargets = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('button, a.button, summary, .case-tabs a')]
      .map((e) => ({ text: e.textContent.trim(), box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(({ text, box }) => `${text}: ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
