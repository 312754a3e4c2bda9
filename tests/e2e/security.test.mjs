// End-to-end: encryption at rest as a user meets it. The first start (strength shown, weak passphrases refused,
// the recovery key shown once); nothing typed found in plain text anywhere in IndexedDB or local storage; locking
// (records gone from the page, the back button shows nothing, unlocking returns to the page with what was typed);
// wrong passphrases and the wait after five; auto-lock on a controllable clock; a second user and the audit trail
// naming who acted; a workspace of before encryption sealed, interrupted by closing the page, resumed, nothing lost;
// the wipe after too many failed unlocks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, launchChromium, openCase, serveDist, passGate, PASSPHRASE } from './support.mjs';

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

const unlockHeading = (page) => page.locator('#unlock-heading');

// Every store of the app's database and the page's local and session storage, as text.
async function everythingStored(page) {
  return page.evaluate(async () => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('care-planner');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    let all = '';
    for (const name of db.objectStoreNames) {
      const rows = await new Promise((ok, fail) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      all += JSON.stringify(rows);
    }
    db.close();
    return all + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
  });
}

async function lock(page) {
  await page.locator('#lock-now').click();
  await unlockHeading(page).waitFor();
}

async function tryUnlock(page, passphrase) {
  await page.locator('#field-security-passphrase').fill(passphrase);
  await page.locator('#unlock-heading ~ form button[type=submit]').click();
}

test('the first start refuses a weak passphrase, shows the recovery key once, and offers no password to keep', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.rawGoto(server.url + '/');
  await page.locator('#setup-heading').waitFor();
  await checkPage(page, 'the first start');
  await page.getByLabel('Your name').fill('N. Sato');
  const passphrase = page.getByLabel('Passphrase', { exact: true });
  await passphrase.fill('Password2026!');
  assert.match(await page.getByTestId('strength').textContent(), /^Strength: weak \(13 characters\)$/);
  await page.getByLabel('Passphrase again').fill('Password2026!');
  await page.getByRole('button', { name: 'Encrypt and continue' }).click();
  const error = page.locator('#field-security-passphrase-error');
  assert.match(await error.textContent(), /one of the most often guessed passwords/);
  assert.equal(await passphrase.getAttribute('aria-invalid'), 'true');
  await passphrase.fill('tablet lime river 42');
  assert.match(await page.getByTestId('strength').textContent(), /^Strength: strong/);
  await page.getByRole('button', { name: 'Encrypt and continue' }).click();
  assert.match(await page.locator('#field-security-passphraseagain-error').textContent(), /not the same/);
  await page.getByLabel('Passphrase again').fill('tablet lime river 42');
  // No password field anywhere: password managers would offer to keep the passphrase.
  assert.equal(await page.locator('input[type=password]').count(), 0);
  await page.getByRole('button', { name: 'Encrypt and continue' }).click();

  const key = page.getByTestId('recovery-key');
  await key.waitFor();
  assert.match(await key.textContent(), /^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
  assert.match(await page.locator('main').textContent(), /cannot be recovered by anyone/);
  await checkPage(page, 'the recovery key');
  const go = page.getByRole('button', { name: 'Continue' });
  assert.equal(await go.getAttribute('aria-disabled'), 'true');
  // Tapped anyway (it is marked disabled, so Playwright would wait): nothing happens.
  await go.dispatchEvent('click');
  assert.equal(await key.count(), 1, 'Continue waits for the tick');
  await page.getByLabel('I have stored the recovery key safely').check();
  await go.click();
  await page.locator('nav.app-nav').waitFor();
  // Shown once: a reload asks for the passphrase, never shows the key again.
  await page.rawReload();
  await unlockHeading(page).waitFor();
  await checkPage(page, 'the unlock screen');
  assert.equal(await page.getByTestId('recovery-key').count(), 0);
  await tryUnlock(page, 'tablet lime river 42');
  await page.locator('nav.app-nav').waitFor();
  await page.context().close();
});

test('nothing typed is stored in plain text, and locking takes the records off the page and returns to them', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const caseUrl = await openCase(page, server.url, 'Qzmarkera Person', 'Clinical');
  await page.goto(server.url + caseUrl + '/assessment');
  await page.getByLabel('Living situation').fill('Qzmarkerb lives alone');
  await page.getByTestId('assessment-status').waitFor();
  await page.waitForFunction(() => document.body.textContent.includes('Saved at'));
  await page.goto(server.url + caseUrl + '/follow-up');
  await page.locator('#follow-up-heading').waitFor();
  const contact = page.locator('details', { has: page.locator('summary:text-is("Log a contact")') });
  if (!(await contact.evaluate((d) => d.open))) await contact.locator('summary').first().click();
  await contact.getByLabel('Phone').check();
  await contact.getByLabel('Minutes it took').fill('15');
  await contact.getByLabel('With whom').fill('Daughter');
  await contact.getByLabel('Summary').fill('Qzmarkerc settled at home');
  await contact.getByRole('button', { name: 'Save the contact' }).click();
  await page.getByTestId('contact').first().waitFor();

  const stored = await everythingStored(page);
  for (const marker of ['Qzmarkera', 'Qzmarkerb', 'Qzmarkerc', 'Daughter', PASSPHRASE]) {
    assert.ok(!stored.includes(marker), `${marker} is stored in plain text`);
  }
  assert.ok(stored.includes('"body":"e1.'), 'records are sealed');

  // Locking: the records leave the page, the back button shows nothing, and the tab title names no one.
  await page.goto(server.url + caseUrl);
  await page.getByRole('heading', { name: 'Case for Qzmarkera Person' }).waitFor();
  await lock(page);
  assert.ok(!(await page.content()).includes('Qzmarkera'));
  await page.goBack();
  await unlockHeading(page).waitFor();
  assert.ok(!(await page.content()).includes('Qzmarkera'));

  // A wrong passphrase is said plainly; the right one returns to the case the lock left.
  await tryUnlock(page, 'not the passphrase at all');
  assert.match(await page.getByTestId('unlock-refused').textContent(), /^Wrong passphrase \(1 wrong try in a row\)\.$/);
  assert.equal(await page.locator('#field-security-passphrase').inputValue(), '', 'the passphrase is not kept');
  await tryUnlock(page, PASSPHRASE);
  await page.getByRole('heading', { name: 'Case for Qzmarkera Person' }).waitFor();
  // The case's own audit trail names who acted.
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'History', exact: true }).click();
  await page.getByTestId('case-audit').locator('li').filter({ hasText: /· N\. Sato · case created$/ }).waitFor();

  // What was typed and not saved comes back after the unlock, and was sealed meanwhile; another tab of the app, open
  // on the client, locks with this one.
  const other = await context.newPage();
  await other.goto(server.url + caseUrl);
  await other.getByRole('heading', { name: 'Case for Qzmarkera Person' }).waitFor();
  await page.goto(server.url + '/clients/new');
  await page.getByLabel('Full name').fill('Qzmarkerd Halfway');
  await lock(page);
  await unlockHeading(other).waitFor();
  assert.ok(!(await other.content()).includes('Qzmarkera'), 'the other tab shows nothing of the records');
  await other.close();
  await page.waitForFunction(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('care-planner'); r.onsuccess = () => ok(r.result); });
    const kept = await new Promise((ok) => { const r = db.transaction('meta').objectStore('meta').get('lock-draft'); r.onsuccess = () => ok(r.result); });
    db.close();
    return kept !== undefined;
  });
  assert.ok(!(await everythingStored(page)).includes('Qzmarkerd'));
  await tryUnlock(page, PASSPHRASE);
  await page.getByTestId('session-notice').waitFor();
  assert.equal(new URL(page.url()).pathname, '/clients/new');
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Qzmarkerd Halfway');
  await checkPage(page, 'the form given back after the unlock');
  await context.close();
});

test('after five wrong passphrases each try waits longer, and the wait is kept across a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(server.url + '/');
  await lock(page);
  for (let n = 1; n <= 4; n++) {
    await tryUnlock(page, `wrong ${n} wrong ${n}`);
    await page.getByTestId('unlock-refused').filter({ hasText: `(${n} wrong tr` }).waitFor();
    assert.doesNotMatch(await page.getByTestId('unlock-refused').textContent(), /Wait/);
  }
  await tryUnlock(page, 'wrong 5 wrong 5');
  await page.getByTestId('unlock-refused').filter({ hasText: 'Wait 5 seconds before the next try.' }).waitFor();
  // Even the right passphrase waits, after a reload too.
  await page.rawReload();
  await tryUnlock(page, PASSPHRASE);
  await page.getByTestId('unlock-refused').filter({ hasText: /^Too many wrong tries: wait [1-5] seconds/ }).waitFor();
  await page.clock.fastForward(6_000);
  await tryUnlock(page, PASSPHRASE);
  await page.locator('nav.app-nav').waitFor();
  await context.close();
});

test('the app locks itself after the minutes of inactivity set on the users page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(server.url + '/');
  // Default: five minutes. Four and a half without input keep it open.
  await page.clock.runFor(270_000);
  assert.equal(await page.locator('nav.app-nav').count(), 1);
  await page.clock.runFor(40_000);
  await unlockHeading(page).waitFor();
  assert.equal(await page.getByTestId('session-notice').textContent(), 'Locked after 5 minutes without use.OK');
  await passGate(page);

  await page.getByRole('link', { name: 'Users' }).click();
  await page.locator('#users-heading').waitFor();
  await checkPage(page, 'the users page');
  const minutes = page.getByLabel('Lock after this many minutes without use');
  await minutes.fill('31');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  assert.match(await page.locator('#field-security-lockminutes-error').textContent(), /from 1 to 30/);
  await minutes.fill('1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  await page.clock.runFor(70_000);
  await unlockHeading(page).waitFor();
  assert.equal(await page.getByTestId('session-notice').textContent(), 'Locked after 1 minute without use.OK');
  await context.close();
});

test('a second user unlocks with their own passphrase, and the audit trail names who acted', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/users');
  await page.locator('#users-heading').waitFor();
  await page.getByLabel('Name', { exact: true }).fill('K. Ito');
  await page.getByLabel('Their passphrase', { exact: true }).fill('harbour kite seventeen');
  await page.getByLabel('Their passphrase again').fill('harbour kite seventeen');
  await page.getByLabel('Your own passphrase, to confirm').fill('not mine at all');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByText('Wrong passphrase (1 wrong try in a row).').waitFor();
  await page.getByLabel('Your own passphrase, to confirm').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByText('K. Ito can now unlock this device with their passphrase.').waitFor();
  assert.deepEqual(await page.getByTestId('user').allTextContents(), ['N. Sato (you)', 'K. ItoRemove']);

  await lock(page);
  await page.getByLabel('Your name').selectOption({ label: 'K. Ito' });
  await tryUnlock(page, PASSPHRASE);
  await page.getByTestId('unlock-refused').waitFor();
  await tryUnlock(page, 'harbour kite seventeen');
  await page.locator('#users-heading').waitFor();
  // Within the app (a new load would ask who is unlocking again).
  await page.getByRole('link', { name: 'Caseload' }).click();
  await page.getByRole('link', { name: 'Register a client' }).click();
  await page.getByLabel('Full name').fill('Ito Client');
  await page.getByLabel(/^Phone/).first().fill('+81 90-1111-2222');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ito Client' }).waitFor();
  await page.getByRole('link', { name: 'Audit trail' }).click();
  const entries = page.getByTestId('audit-entries').locator('li');
  await entries.first().waitFor();
  const lines = await entries.allTextContents();
  assert.ok(lines.some((l) => /· K\. Ito · client created$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /· N\. Sato · user created$/.test(l)), lines.join('\n'));
  await checkPage(page, 'the audit trail with who acted');
  await context.close();
});

test('a workspace of before encryption is sealed; closing the page halfway loses nothing', async () => {
  const context = await browser.newContext();
  let page = await context.newPage();
  await page.rawGoto(server.url + '/');
  await page.locator('#setup-heading').waitFor();
  // Clients written as the app wrote them before encryption: their content in plain JSON.
  const total = 1200;
  await page.evaluate(async (total) => {
    const db = await new Promise((ok) => { const r = indexedDB.open('care-planner'); r.onsuccess = () => ok(r.result); });
    const tx = db.transaction('clients', 'readwrite');
    for (let n = 0; n < total; n++) {
      const id = crypto.randomUUID();
      const at = '2026-11-01T09:00:00.000Z';
      const body = {
        id, details: { full_name: `Plainperson ${n}`, preferred_name: null, date_of_birth: null, gender: null,
          preferred_language: null, phone: null, email: null, address: null, support_person: null, consent: null },
        created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z',
      };
      tx.objectStore('clients').put({ id, updated_at: at, rev: 1, body: JSON.stringify(body) });
    }
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
  }, total);
  await page.rawReload();
  await page.locator('#setup-heading').waitFor();
  assert.match(await page.locator('main').textContent(), /This device already holds records/);
  await page.getByLabel('Your name').fill('N. Sato');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Encrypt and continue' }).click();
  await page.getByLabel('I have stored the recovery key safely').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // Closed while sealing: after the first batches, before the last.
  await page.waitForFunction((total) => {
    const m = document.querySelector('[data-testid=sealing]')?.textContent.match(/(\d+) of (\d+)/);
    return m && Number(m[1]) > 0 && Number(m[1]) < total;
  }, total, { polling: 'raf' });
  await page.close();

  page = await context.newPage();
  await page.rawGoto(server.url + '/');
  const left = (await everythingStored(page)).match(/Plainperson/g)?.length ?? 0;
  assert.ok(left > 0 && left < total, `${left} of ${total} still in plain text after the interruption`);
  await passGate(page);
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  await page.getByText(`Showing 50 of ${total} clients`).waitFor();
  assert.ok(!(await everythingStored(page)).includes('Plainperson'), 'every client sealed after the resumed sealing');
  await page.getByLabel('Search clients by name').fill('Plainperson 1199');
  await page.getByRole('link', { name: 'Plainperson 1199' }).waitFor();
  await context.close();
});

test('too many wrong passphrases wipe the device when its settings say so', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await openCase(page, server.url, 'Wiped Away', 'Clinical');
  await page.goto(server.url + '/users');
  await page.getByLabel('Wipe this device after this many wrong passphrases in a row').fill('9');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  assert.match(await page.locator('#field-security-wipeafter-error').textContent(), /10 or more/);
  await page.getByLabel('Wipe this device after this many wrong passphrases in a row').fill('10');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  await lock(page);
  for (let n = 1; n < 10; n++) {
    await tryUnlock(page, `wrong guess ${n}!`);
    await page.getByTestId('unlock-refused').filter({ hasText: `(${n} wrong tr` }).waitFor();
    await page.clock.fastForward(16 * 60_000);
  }
  await tryUnlock(page, 'wrong guess 10!');
  await page.locator('#setup-heading').waitFor();
  assert.match(await page.locator('body').textContent(), /Too many wrong passphrases: this device was wiped/);
  assert.ok(!(await everythingStored(page)).includes('Wiped'));
  await context.close();
});
