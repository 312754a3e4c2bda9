// End-to-end: demo mode. From the first start, without creating a real workspace, a separate workspace of
// fictional data opens, bannered on every page, with a caseload across phases and tiers and work due today; a
// reset puts it back as it was; the real workspace (another tab, or after leaving the demo) never shows it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, launchChromium, passGate, serveDist } from './support.mjs';

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

const databases = (page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());

// How many case records (clients, cases, results, tasks, contacts, plans) and keyrings the real workspace's
// database holds (opened by the first start, never filled by the demo).
const realHolds = (page) =>
  page.evaluate(
    () =>
      new Promise((ok) => {
        const open = indexedDB.open('care-planner');
        open.onsuccess = () => {
          const db = open.result;
          const names = ['clients', 'cases', 'administrations', 'tasks', 'contacts', 'plans'];
          let n = 0;
          const tx = db.transaction([...names, 'meta']);
          for (const name of names) tx.objectStore(name).count().onsuccess = (e) => (n += e.target.result);
          tx.objectStore('meta').count('keyring').onsuccess = (e) => (n += e.target.result);
          tx.oncomplete = () => {
            db.close();
            ok(n);
          };
        };
      }),
  );

test('the demo opens from the first start, resets, and never reaches the real workspace', async () => {
  const context = await browser.newContext();
  const demo = await context.newPage();
  await demo.rawGoto(server.url + '/');
  await demo.locator('#setup-heading').waitFor();
  await demo.getByRole('button', { name: 'Try the demo with fictional data' }).click();
  const banner = demo.getByTestId('demo-banner');
  await banner.getByText('Demo workspace: fictional data only.').waitFor();
  await demo.getByRole('link', { name: '山本 さくら' }).waitFor();
  assert.ok((await databases(demo)).includes('care-planner-demo'));
  assert.equal(await realHolds(demo), 0, 'no real workspace was created');
  // A morning's work: urgent cases, things due today, clients in every phase.
  await demo.getByRole('heading', { name: 'Clients' }).waitFor();
  const home = await demo.locator('main').innerText();
  for (const name of ['Maria Fernandes', '池田 幸子', 'Jack Moreau']) assert.ok(home.includes(name), name);
  await demo.goto(server.url + '/cases');
  await demo.getByRole('heading', { level: 1, name: 'Open cases' }).waitFor();
  await checkPage(demo, 'the demo case list');
  const cases = await demo.locator('main').innerText();
  for (const tier of ['Urgent', 'High', 'Moderate', 'Low', 'Not yet stratified']) assert.ok(cases.includes(tier), tier);
  await banner.waitFor();

  // Another tab opens the real workspace: its first start, none of the demo's clients, and a client of its own.
  const real = await context.newPage();
  await real.rawGoto(server.url + '/');
  await real.locator('#setup-heading').waitFor();
  assert.equal(await real.getByTestId('demo-banner').count(), 0);
  await passGate(real);
  await real.getByText('No clients yet', { exact: false }).waitFor();
  assert.equal(await real.getByRole('link', { name: '山本 さくら' }).count(), 0);
  await real.getByRole('link', { name: 'Register a client' }).click();
  await real.getByLabel('Full name').fill('Rita Real');
  await real.getByRole('button', { name: 'Save client' }).click();
  await real.getByRole('heading', { level: 1, name: 'Rita Real' }).waitFor();
  assert.deepEqual(await databases(real), ['care-planner', 'care-planner-demo']);
  const realBefore = await realHolds(real);
  assert.equal(realBefore, 2, 'the real workspace holds its keyring and its one client');

  // The demo changed, then reset: as it was, and the real workspace untouched.
  await demo.bringToFront();
  await demo.goto(server.url + '/clients/new');
  await demo.getByLabel('Full name').fill('Zed Zero');
  await demo.getByRole('button', { name: 'Save client' }).click();
  await demo.getByRole('heading', { level: 1, name: 'Zed Zero' }).waitFor();
  await banner.getByRole('button', { name: 'Reset the demo' }).click();
  await demo.waitForURL(server.url + '/');
  await demo.getByRole('link', { name: '山本 さくら' }).waitFor();
  assert.equal(await demo.getByText('Zed Zero').count(), 0, 'the reset removed what was added');
  assert.equal(await demo.getByText('Rita Real').count(), 0, 'the real client is never in the demo');
  await checkPage(demo, 'the demo home page');
  assert.equal(await realHolds(demo), realBefore, 'the reset left the real workspace as it was');
  await real.goto(server.url + '/');
  await real.getByRole('link', { name: 'Rita Real' }).waitFor();
  assert.equal(await real.getByText('Zed Zero').count(), 0);

  // Leaving the demo: this tab opens the real workspace (locked, as any start).
  await demo.bringToFront();
  await banner.getByRole('button', { name: 'Leave the demo' }).click();
  await demo.locator('#unlock-heading').waitFor();
  assert.equal(await demo.getByTestId('demo-banner').count(), 0);
  await passGate(demo);
  await demo.getByRole('link', { name: 'Rita Real' }).waitFor();
  await context.close();
});
