// End-to-end: the audit trail page verifies the chained log as a user sees it — intact after real work, and
// naming the entry after one is edited straight in IndexedDB (as someone with the developer tools could) — with
// no axe violation in either state.
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

const verify = async () => {
  await page.getByRole('button', { name: 'Verify audit trail' }).click();
  const result = page.getByTestId('audit-result');
  await result.filter({ hasText: /intact/i }).waitFor();
  return result.textContent();
};

test('the trail verifies intact after real work, and names an entry edited in IndexedDB', async () => {
  await openCase(page, server.url, 'Audra Trail', 'Clinical');
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
  await axe('the audit trail page');
  const entries = await page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('care-planner');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const count = open.result.transaction('audit').objectStore('audit').count();
      count.onsuccess = () => { open.result.close(); ok(count.result); };
    };
  }));
  assert.ok(entries >= 3, 'the client, the case and the staff member are logged');
  assert.equal(await verify(), `Intact: all ${entries} entries are as they were written, in order, with none missing.`);
  await axe('the audit trail, verified intact');

  // The second entry's time changed straight in the database.
  await page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('care-planner');
    open.onsuccess = () => {
      const tx = open.result.transaction('audit', 'readwrite');
      const store = tx.objectStore('audit');
      const keys = store.getAllKeys();
      keys.onsuccess = () => {
        const key = keys.result[1];
        store.get(key).onsuccess = (e) => store.put({ ...e.target.result, at: '2020-01-01T00:00:00.000Z' }, key);
      };
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }));
  assert.equal(await verify(), 'Not intact: entry 2 was changed after it was written, or can no longer be read.');
  await axe('the audit trail, not intact');
});
