// End-to-end: kiosk mode offers "End session and wipe this device" on every page; the confirmation starts on
// Cancel and Escape closes it; confirming deletes the database and the device's preferences (kiosk mode itself
// stays), says so on the fresh start, clears another open tab of the app, and going back shows nothing of what
// was there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, launchChromium, openCase, passGate, serveDist } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const axe = (what) => checkPage(page, what);
const focused = (id) => page.waitForFunction((id) => document.activeElement?.id === id, id);

test('kiosk mode wipes the device after confirmation, and a cancel keeps everything', async () => {
  const caseUrl = await openCase(page, server.url, 'Kai Kiosk', 'Brokerage');
  await page.getByRole('link', { name: 'This device' }).click();
  await page.getByRole('heading', { name: 'This device', exact: true }).waitFor();
  const wipe = page.getByRole('button', { name: 'End session and wipe this device' });
  assert.equal(await wipe.count(), 0, 'no wipe action outside kiosk mode');
  await page.getByLabel('Kiosk mode: this device is shared').check();
  await wipe.waitFor();
  await axe('the device page in kiosk mode');

  // Offered on every page; the confirmation starts on Cancel; Cancel and Escape leave everything as it was.
  await page.goto(server.url + caseUrl);
  await page.getByRole('heading', { name: 'Case for Kai Kiosk' }).waitFor();
  await wipe.click();
  const confirm = page.getByRole('alertdialog');
  await confirm.waitFor();
  await focused('cancel-wipe');
  await axe('the wipe confirmation');
  await page.keyboard.press('Enter');
  await focused('wipe-device');
  await page.keyboard.press('Enter');
  await focused('cancel-wipe');
  await page.keyboard.press('Escape');
  await focused('wipe-device');
  await page.getByRole('heading', { name: 'Case for Kai Kiosk' }).waitFor();

  // Another tab of the app, open on the case.
  const other = await page.context().newPage();
  await other.goto(server.url + caseUrl);
  await other.getByRole('heading', { name: 'Case for Kai Kiosk' }).waitFor();

  // Confirmed: the app starts again empty and says so; only the kiosk setting is left.
  await wipe.click();
  await confirm.getByRole('button', { name: "Delete all of this app's data" }).click();
  await page.waitForURL(server.url + '/');
  // The fresh start: the first start of a new workspace, saying the device was wiped.
  await page.locator('#setup-heading').waitFor();
  await page.getByText('This device was wiped', { exact: false }).waitFor();
  await axe('the fresh start after a wipe');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['care-planner.kiosk'], 'only the kiosk setting stays');
  await passGate(page);
  await page.getByText('No clients yet', { exact: false }).waitFor();
  await wipe.waitFor();

  // The other tab let go of the database and started afresh: nothing of the client is left on it.
  await other.waitForURL(server.url + '/');
  await other.locator('#setup-heading, #unlock-heading').first().waitFor();
  assert.equal(await other.getByText('Kai Kiosk').count(), 0);
  await other.close();

  // The wipe replaced the page it started from; back leads to the device page, then to the case as first opened:
  // its record no longer exists.
  await page.goBack();
  await page.waitForURL(server.url + '/device');
  await passGate(page);
  await page.goBack();
  await page.waitForURL(server.url + caseUrl);
  await passGate(page);
  await page.getByText('This record no longer exists.', { exact: false }).waitFor();
  assert.equal(await page.getByText('Kai Kiosk').count(), 0, 'going back shows nothing of the wiped records');
});

test('a browser that refuses to keep settings is told kiosk mode holds for this visit only', async () => {
  const context = await browser.newContext();
  // As some private windows do: local storage refuses writes.
  await context.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('refused', 'QuotaExceededError');
    };
  });
  const refusing = await context.newPage();
  await refusing.goto(server.url + '/device');
  await refusing.getByLabel('Kiosk mode: this device is shared').check();
  await refusing.getByRole('alert').filter({ hasText: 'kiosk mode holds only until this page is closed' }).waitFor();
  await refusing.getByRole('button', { name: 'End session and wipe this device' }).waitFor();
  await checkPage(refusing, 'the device page, setting not kept');
  await context.close();
});
