// End-to-end: kiosk mode offers "End session and wipe this device" on every page; cancelling keeps everything,
// confirming deletes the database and the device's preferences and starts the app again empty, and going back
// shows nothing of what was there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, launchChromium, openCase, serveDist } from './support.mjs';


let server;
let browser;
let page;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const axe = (what) => checkPage(page, what);

test('kiosk mode wipes the device after confirmation, and a cancel keeps everything', async () => {
  const caseUrl = await openCase(page, server.url, 'Kai Kiosk', 'Brokerage');
  await page.getByRole('link', { name: 'This device' }).click();
  await page.getByRole('heading', { name: 'This device' }).waitFor();
  const wipe = page.getByRole('button', { name: 'End session and wipe this device' });
  assert.equal(await wipe.count(), 0, 'no wipe action outside kiosk mode');
  await page.getByLabel('Kiosk mode: this device is shared').check();
  await wipe.waitFor();
  await axe('the device page in kiosk mode');

  // Offered on every page; a cancel leaves everything as it was.
  await page.goto(server.url + caseUrl);
  await page.getByRole('heading', { name: 'Case for Kai Kiosk' }).waitFor();
  await wipe.click();
  const confirm = page.getByRole('alertdialog');
  await confirm.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'confirm-wipe');
  await axe('the wipe confirmation');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'wipe-device');
  await page.getByRole('heading', { name: 'Case for Kai Kiosk' }).waitFor();

  // Confirmed: the app starts again empty, with no preference left and no way back to the records.
  await wipe.click();
  await confirm.getByRole('button', { name: 'Wipe this device' }).click();
  await page.waitForURL(server.url + '/');
  await page.getByText('No clients yet', { exact: false }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'the device preferences are gone');
  assert.equal(await wipe.count(), 0, 'kiosk mode was a preference, and is gone with them');
  // The wipe replaced the page it started from; back leads to the device page, then to the case as first opened:
  // its record no longer exists.
  await page.goBack();
  await page.waitForURL(server.url + '/device');
  await page.goBack();
  await page.waitForURL(server.url + caseUrl);
  await page.getByText('This record no longer exists.', { exact: false }).waitFor();
  assert.equal(await page.getByText('Kai Kiosk').count(), 0, 'going back shows nothing of the wiped records');
});
