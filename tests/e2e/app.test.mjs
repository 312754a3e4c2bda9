// End-to-end: a case manager's day in real headless Chromium against the built dist/, as a user clicks.
// Tests run in order and share one browser profile, so records made by one are there for the next.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, serveDist } from './support.mjs';

let server;
let browser;
let context;
let page;
const requests = [];

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  context = await browser.newContext();
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const errorOf = (id) => page.locator(`#field-${id}-error`);

async function openApp(path = '/') {
  await page.goto(server.url + path);
  await page.locator('main h1').first().waitFor();
}

async function registerClient(fields) {
  await openApp('/');
  await page.getByRole('link', { name: 'Register a client' }).click();
  await page.getByLabel('Full name').fill(fields.name);
  if (fields.preferred) await page.getByLabel('Preferred name').fill(fields.preferred);
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name: fields.name }).waitFor();
}

test('the caseload opens empty on a fresh device', async () => {
  await openApp('/');
  await page.getByText('No clients yet. Register the first one.').waitFor();
});

test('invalid registration is refused field by field; nothing is saved until it is valid', async () => {
  await page.getByRole('link', { name: 'Register a client' }).click();
  await page.getByRole('heading', { name: 'Register a client' }).waitFor();

  await page.getByRole('button', { name: 'Save client' }).click();
  assert.equal(await errorOf('fullname').textContent(), 'This field is required.');
  assert.equal(await page.getByLabel('Full name').getAttribute('aria-invalid'), 'true');
  await page.getByText('1 field needs attention. Nothing has been saved yet.').waitFor();

  await page.getByLabel('Full name').fill('Ana Lima');
  await page.locator('#field-dateofbirth').fill('2099-01-01');
  await page.locator('#field-phone').fill('12');
  await page.locator('#field-email').fill('ana-at-example');
  await page.getByRole('button', { name: 'Save client' }).click();
  assert.equal(await errorOf('fullname').isVisible(), false);
  assert.equal(await errorOf('dateofbirth').textContent(), 'This date is in the future.');
  assert.match(await errorOf('phone').textContent(), /6 to 15 digits/);
  assert.match(await errorOf('email').textContent(), /name@example\.org/);
  assert.match(page.url(), /\/clients\/new$/, 'still on the form');

  await page.locator('#field-dateofbirth').fill('1899-05-01');
  await page.getByRole('button', { name: 'Save client' }).click();
  assert.equal(await errorOf('dateofbirth').textContent(), 'Dates before 1900 are not accepted.');

  // Nothing was written by the refused attempts.
  const stored = await page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('care-planner');
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction('clients').objectStore('clients').count();
      count.onsuccess = () => { ok(count.result); db.close(); };
      count.onerror = () => fail(count.error);
    };
    open.onerror = () => fail(open.error);
  }));
  assert.equal(stored, 0);

  await page.locator('#field-dateofbirth').fill('1948-04-02');
  await page.locator('#field-phone').fill('+81 90-1234-5678');
  await page.locator('#field-email').fill('ana@example.org');
  await page.locator('#field-supportname').fill('Rui Lima');
  await page.locator('#field-supportrelation').fill('son');
  await page.getByLabel('Given', { exact: true }).check();
  await page.getByRole('button', { name: 'Save client' }).click();
  assert.match(await errorOf('consentdate').textContent(), /required/);
  assert.match(await errorOf('consentrecordedby').textContent(), /required/);
  await page.locator('#field-consentdate').fill('2026-11-01');
  await page.locator('#field-consentrecordedby').fill('N. Sato RN');
  await page.getByRole('button', { name: 'Save client' }).click();

  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
  const details = await page.locator('dl.details').textContent();
  assert.match(details, /2 Apr 1948 \(\d+ years\)/);
  assert.match(details, /Rui Lima · son/);
  assert.match(details, /Given on 1 Nov 2026, recorded by N\. Sato RN/);
});

test('a client can be edited, and a bad edit keeps what was saved', async () => {
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('heading', { name: 'Edit client' }).waitFor();
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Ana Lima');
  await page.getByLabel('Full name').fill('');
  await page.getByRole('button', { name: 'Save client' }).click();
  assert.equal(await errorOf('fullname').textContent(), 'This field is required.');
  await page.reload();
  await page.getByRole('heading', { name: 'Edit client' }).waitFor();
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Ana Lima', 'the refused edit changed nothing');
  await page.getByLabel('Preferred name').fill('Aninha');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
  assert.match(await page.locator('dl.details').textContent(), /Aninha/);
});

test('a case is opened, moved through phases, and all of it survives a reload', async () => {
  await page.getByRole('link', { name: 'Open a case' }).click();
  await page.getByRole('heading', { name: 'Open a case for Ana Lima' }).waitFor();
  await page.getByRole('button', { name: 'Open case' }).click();
  assert.equal(await errorOf('specialty').textContent(), 'Choose one of the options.');
  assert.equal(await errorOf('model').textContent(), 'Choose one of the options.');
  assert.equal(await errorOf('casemanager').textContent(), 'This field is required.');
  assert.equal(await errorOf('referralreason').textContent(), 'This field is required.');

  await page.getByLabel('Specialty').selectOption({ label: 'Geriatric' });
  await page.getByLabel('Case management model').selectOption({ label: 'Intensive' });
  await page.getByLabel('Assigned case manager').fill('N. Sato');
  await page.getByLabel('Referral source').fill('Ward 5 discharge team');
  await page.getByLabel('Reason for referral').fill('Two falls since discharge');
  await page.getByRole('button', { name: 'Open case' }).click();

  await page.getByRole('heading', { name: 'Case for Ana Lima', exact: true }).waitFor();
  const current = page.locator('.stepper > li[aria-current="step"] .step-name');
  assert.equal(await current.textContent(), '1. Screening');
  assert.equal(await page.locator('.stepper > li').count(), 9);

  // Nothing of screening is done yet: the move names what is missing and needs a reason.
  await page.getByLabel('Move the case to').selectOption({ label: '2. Assessment' });
  await page.getByText('This move leaves work missing:').waitFor();
  await page.getByLabel('Why the case moves on anyway').fill('Screened on the ward');
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await page.locator('.stepper > li[aria-current="step"]', { hasText: 'Assessment' }).waitFor();
  await page.getByLabel('Move the case to').selectOption({ label: '3. Risk stratification' });
  await page.getByLabel('Why the case moves on anyway').fill('Assessment booked for next week');
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await page.locator('.stepper > li[aria-current="step"]', { hasText: 'Risk stratification' }).waitFor();

  await page.reload();
  await page.getByRole('heading', { name: 'Case for Ana Lima', exact: true }).waitFor();
  assert.equal(await current.textContent(), '3. Risk stratification');
  assert.equal(await page.locator('.stepper > li.done').count(), 2);
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'History' }).click();
  await page.locator('ul.history').waitFor();
  const history = await page.locator('ul.history li').allTextContents();
  assert.equal(history.length, 3);
  assert.match(history[0], /Assessment → Risk stratification, with Assessment complete missing\. Reason: Assessment booked/);
  assert.match(history[1], /Screening → Assessment, with Screening decided missing\. Reason: Screened on the ward/);
  assert.match(history[2], /Case opened in Screening/);
});

test('search finds clients by name as you type, in Latin and Japanese script', async () => {
  await registerClient({ name: '山田 花子', preferred: 'ヤマダ ハナコ' });
  await registerClient({ name: 'Bruno Costa' });
  await openApp('/');
  const names = () => page.locator('table.caseload tbody tr td:first-child a').allTextContents();
  await page.locator('table.caseload').waitFor();
  assert.deepEqual(await names(), ['Ana Lima', 'Bruno Costa', '山田 花子']);

  const search = page.getByLabel('Search clients by name');
  await search.pressSequentially('やまだ');
  assert.deepEqual(await names(), ['山田 花子']);
  await search.fill('LIMA');
  assert.deepEqual(await names(), ['Ana Lima']);
  const row = await page.locator('table.caseload tbody tr').first().locator('td').allTextContents();
  assert.equal(row[2], '1', 'one open case');
  assert.equal(row[3], 'Risk stratification');
  await search.fill('zzz');
  await page.getByText('No client name matches “zzz”.').waitFor();
});

test('deleting a client asks first, then removes the client and their cases for good', async () => {
  await openApp('/');
  await page.getByRole('link', { name: 'Ana Lima' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
  const caseUrl = await page.locator('.case-list a').first().getAttribute('href');

  await page.getByRole('button', { name: 'Delete client' }).click();
  await page.getByText('Delete Ana Lima and their case, with its history? This cannot be undone.').waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByRole('button', { name: 'Yes, delete permanently' }).count(), 0);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();

  await page.getByRole('button', { name: 'Delete client' }).click();
  await page.getByRole('button', { name: 'Yes, delete permanently' }).click();
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  await page.locator('table.caseload').waitFor();
  await page.reload();
  await page.locator('table.caseload').waitFor();
  const names = await page.locator('table.caseload tbody tr td:first-child a').allTextContents();
  assert.deepEqual(names, ['Bruno Costa', '山田 花子']);

  await page.goto(server.url + caseUrl);
  await page.getByText('This record no longer exists.', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Back to caseload' }).click();
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
});

test('links change the address, back and forward return, and an unknown address says so', async () => {
  await registerClient({ name: 'Hana Mori' });
  const clientUrl = page.url();
  assert.match(clientUrl, /\/clients\/[0-9a-f-]{36}$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
  await page.waitForURL(server.url + '/cases');
  await page.getByRole('heading', { level: 1, name: 'Open cases' }).waitFor();
  await page.goBack();
  await page.waitForURL(clientUrl);
  await page.getByRole('heading', { level: 1, name: 'Hana Mori' }).waitFor();
  await page.goForward();
  await page.waitForURL(server.url + '/cases');
  await page.getByRole('heading', { level: 1, name: 'Open cases' }).waitFor();

  for (const path of ['/clients/not-an-id', '/nowhere', clientUrl.replace(server.url, '') + '/delete']) {
    await page.goto(server.url + path);
    await page.getByText('There is no page at this address.').waitFor();
    await page.getByRole('link', { name: 'Back to caseload' }).click();
    await page.waitForURL(server.url + '/');
  }
});

test('the page talks to no other origin, and to none at all after start-up', async () => {
  const fresh = await context.newPage();
  const seen = [];
  fresh.on('request', (r) => seen.push(r.url()));
  await fresh.goto(server.url + '/');
  await fresh.getByRole('heading', { name: 'Caseload' }).waitFor();
  await fresh.waitForLoadState('networkidle');
  const startUp = seen.length;
  assert.ok(startUp >= 3, `start-up loads the page, its script and its wasm (saw ${startUp})`);

  await fresh.getByRole('link', { name: 'Register a client' }).click();
  await fresh.getByLabel('Full name').fill('Network Check');
  await fresh.getByRole('button', { name: 'Save client' }).click();
  await fresh.getByRole('heading', { level: 1, name: 'Network Check' }).waitFor();
  await fresh.getByRole('link', { name: 'Caseload' }).click();
  await fresh.getByLabel('Search clients by name').fill('network');
  await fresh.waitForTimeout(300);
  assert.deepEqual(seen.slice(startUp), [], 'no request after start-up');

  const origin = new URL(server.url).origin;
  const foreign = [...requests, ...seen].filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'every request stays on the page origin');
  await fresh.close();
});
