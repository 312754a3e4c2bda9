// End-to-end: the app as an installable, offline app. After the first visit its service worker holds the exact
// files of the build, so with the server stopped (not emulated offline, which can miss a service worker's fetches)
// the app reloads, unlocks and saves with no failed request. A new build (a patched copy of dist/, with a new
// version in its sw.js) is offered as an update: the page never reloads by itself, not even with a form half
// typed, and reloads into the new build only when the user agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPage, DIST, launchChromium, serveDist } from './support.mjs';

let browser;
const copies = [];

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

// A copy of dist/ of this test's own, so it can be patched and served on a port of its own.
function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), 'care-planner-dist-'));
  cpSync(DIST, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

// Waits until the page is controlled by an activated service worker; returns the worker's cache names.
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
  return page.evaluate(() => caches.keys());
}

const version = (dir) => JSON.parse(readFileSync(join(dir, 'sw.js'), 'utf8').match(/const BUILD = (\{.*\});/)[1]).version;

test('after the first visit the app reloads, unlocks and saves with the server stopped', async () => {
  const dir = copyOfDist();
  const server = await serveDist(dir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/');
  assert.deepEqual(await controlled(page), [`care-planner-${version(dir)}`], 'one cache, named for the build');
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'), 'installable: a 512 px icon');

  await page.getByRole('link', { name: 'Register a client' }).click();
  await page.getByLabel('Full name').fill('Olu Online');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name: 'Olu Online' }).waitFor();

  await server.close();
  const failed = [];
  const answered = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => answered.push([r.url(), r.fromServiceWorker()]));
  await page.reload();
  await page.getByRole('link', { name: 'Caseload' }).click();
  await page.getByRole('link', { name: 'Olu Online' }).waitFor();
  await page.getByRole('link', { name: 'Register a client' }).click();
  await page.getByLabel('Full name').fill('Ofe Offline');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ofe Offline' }).waitFor();
  // A deep link opened afresh, offline, is the app too.
  const deep = await context.newPage();
  deep.on('requestfailed', (r) => failed.push(r.url()));
  deep.on('response', (r) => answered.push([r.url(), r.fromServiceWorker()]));
  await deep.goto(server.url + '/cases');
  await deep.getByRole('heading', { level: 1, name: 'Open cases' }).waitFor();
  assert.deepEqual(failed, [], 'no request failed with the server stopped');
  assert.ok(answered.length >= 3, `the reload loaded its files (${answered.length})`);
  assert.deepEqual(answered.filter(([, fromWorker]) => !fromWorker), [], 'every file came from the service worker');
  await context.close();
});

test('a new build is offered, never forced in the middle of a form, and taken when the user agrees', async () => {
  const dir = copyOfDist();
  const server = await serveDist(dir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/');
  const old = version(dir);
  await controlled(page);
  assert.equal(await page.getByTestId('update-ready').count(), 0, 'no update offered for the build running');

  // The next deployment: the same files under a new version.
  const patched = readFileSync(join(dir, 'sw.js'), 'utf8').replace(`"version":"${old}"`, '"version":"patched-build"');
  assert.notEqual(patched, readFileSync(join(dir, 'sw.js'), 'utf8'));
  writeFileSync(join(dir, 'sw.js'), patched);

  // A form half typed when the browser finds the new build.
  await page.getByRole('link', { name: 'Register a client' }).click();
  await page.getByLabel('Full name').fill('Uma Unsaved');
  await page.evaluate(() => {
    window.samePage = true;
    return navigator.serviceWorker.getRegistration().then((r) => r.update());
  });
  const notice = page.getByTestId('update-ready');
  await notice.waitFor();
  await checkPage(page, 'the update notice');
  assert.equal(await page.evaluate(() => window.samePage), true, 'the page did not reload by itself');
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Uma Unsaved', 'what was typed is still there');
  assert.deepEqual(
    (await page.evaluate(() => caches.keys())).sort(),
    [`care-planner-${old}`, 'care-planner-patched-build'].sort(),
    'the new build waits with its files; the running one keeps its own',
  );

  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name: 'Uma Unsaved' }).waitFor();
  // Saved, and still nothing taken over: the new build waits beside the running one until the user agrees.
  assert.deepEqual(
    await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return [r.waiting?.state, r.active?.state, (await caches.keys()).length];
    }),
    ['installed', 'activated', 2],
  );
  const reloaded = page.waitForEvent('load');
  await notice.getByRole('button', { name: 'Update now' }).click();
  await reloaded;
  await page.locator('#unlock-heading').waitFor();
  assert.equal(await page.evaluate(() => window.samePage), undefined, 'the page reloaded into the new build');
  await page.waitForFunction(async () => (await caches.keys()).join() === 'care-planner-patched-build');
  await page.locator('#field-security-passphrase').fill('lantern orchard velvet');
  await page.locator('#unlock-heading ~ form button[type=submit]').click();
  await page.getByRole('heading', { level: 1, name: 'Uma Unsaved' }).waitFor();
  assert.equal(await page.getByTestId('update-ready').count(), 0);
  await context.close();
  await server.close();
});
