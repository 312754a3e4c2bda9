// End-to-end: what the core issue fixed, as a user meets it — the error screen after a bug, a full disk, a double
// tap, a reload in the middle of a save, a result keyed in wrongly, a draft that cannot be saved after leaving its
// page, invisible names, a damaged record, and the storage status line. Tests run in order in one profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, passGate, serveDist } from './support.mjs';

let server;
let browser;
let context;
let page;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  context = await browser.newContext();
  // A full disk, as the browser reports it: the write transaction aborts and its `error` is a QuotaExceededError.
  // (The DevTools Protocol's Storage.overrideQuotaForOrigin reports the override as active in this Chromium but
  // does not enforce it on IndexedDB writes, so the test makes the browser fail the same way by hand.)
  await context.addInitScript(() => {
    window.__diskFull = false;
    const commit = IDBTransaction.prototype.commit;
    const error = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'error').get;
    IDBTransaction.prototype.commit = function () {
      if (window.__diskFull && this.mode === 'readwrite') {
        this.__quota = true;
        return this.abort();
      }
      return commit.call(this);
    };
    Object.defineProperty(IDBTransaction.prototype, 'error', {
      get() {
        return this.__quota ? new DOMException('The quota has been exceeded.', 'QuotaExceededError') : error.call(this);
      },
    });
  });
  // Record every transaction the app opens: its mode, stores and durability.
  await context.addInitScript(() => {
    window.__transactions = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (stores, mode, options) {
      window.__transactions.push({
        stores: [].concat(stores),
        mode: mode ?? 'readonly',
        durability: options?.durability ?? 'default',
      });
      return transaction.call(this, stores, mode, options);
    };
  });
  // Count the app's requests for persistent storage.
  await context.addInitScript(() => {
    window.__persistCalls = 0;
    const persist = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => {
      window.__persistCalls += 1;
      return persist();
    };
  });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const item = (number) => page.getByRole('group', { name: new RegExp(`^${number}\\. `) });
const tier = () => page.getByTestId('effective-tier').textContent();
const caseTab = (name) => page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true });

/// Fills the disk (every write transaction then aborts with a QuotaExceededError), or frees it.
async function diskFull(full) {
  await page.evaluate((full) => {
    window.__diskFull = full;
  }, full);
}

async function registerClient(name) {
  await page.goto(server.url + '/clients/new');
  await page.getByLabel('Full name').fill(name);
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function openCaseFor(name) {
  await registerClient(name);
  await page.getByRole('link', { name: 'Open a case' }).click();
  await page.getByLabel('Specialty').selectOption({ label: 'Nursing' });
  await page.getByLabel('Case management model').selectOption({ label: 'Clinical' });
  await page.getByLabel('Assigned case manager').fill('N. Sato');
  await page.getByLabel('Reason for referral').fill('Fell twice at home');
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('heading', { name: `Case for ${name}`, exact: true }).waitFor();
  return new URL(page.url()).pathname;
}

async function fillPhq9(item9Label) {
  await page.locator('tr[data-instrument="phq9"]').getByRole('link').click();
  await page.getByRole('button', { name: 'Save result' }).waitFor();
  for (let n = 1; n <= 8; n++) await item(n).getByLabel('Not at all').check();
  await item(9).getByLabel(item9Label).check();
}

test('names made only of invisible characters are refused; text is stored composed (NFC)', async () => {
  await page.goto(server.url + '/clients/new');
  await page.getByLabel('Full name').fill('\u200B\u200C\u200D');
  await page.getByRole('button', { name: 'Save client' }).click();
  const error = page.locator('#field-fullname-error');
  assert.match(await error.textContent(), /invisible or control characters/);
  assert.equal(await page.getByLabel('Full name').getAttribute('aria-invalid'), 'true');

  // "José" typed with a combining accent is kept as the one composed character.
  await page.getByLabel('Full name').fill('Jose\u0301 Decomposed');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name: 'José Decomposed' }).waitFor();
  // As stored (read back after a reload: the record is sealed, so it can only be read through the app).
  await page.reload();
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  assert.equal(await heading.textContent(), 'Jos\u00e9 Decomposed');
});

test('the storage status line shows space, and persistence is asked for once a client is saved', async () => {
  await registerClient('Persist Asker');
  const status = page.getByTestId('storage-status');
  assert.match(await status.textContent(), /Storage on this device: .* used, .* free\./);
  assert.ok((await page.evaluate(() => window.__persistCalls)) >= 1, 'asked after the client was saved');
  assert.match(await page.getByTestId('storage-persisted').textContent(), /The browser (keeps|may clear) this data/);
});

test('a full disk gets its own message, and nothing is saved', async () => {
  await page.goto(server.url + '/clients/new');
  await diskFull(true);
  try {
    await page.getByLabel('Full name').fill('Quota Full');
    await page.getByRole('button', { name: 'Save client' }).click();
    await page.getByText("This device's storage for the care planner is full.", { exact: false }).waitFor();
  } finally {
    await diskFull(false);
  }
  await page.goto(server.url + '/');
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  assert.equal(await page.getByText('Quota Full').count(), 0, 'nothing half-saved');
});

test('a case button pressed twice quickly moves the case once, with no error', async () => {
  await openCaseFor('Double Tap');
  assert.equal(await tier(), 'Not yet stratified');
  await page.getByLabel('Move the case to').selectOption({ label: '2. Assessment' });
  await page.getByLabel('Why the case moves on anyway').fill('Screened by phone');
  await page.getByRole('button', { name: 'Move', exact: true }).dblclick();
  await page.locator('.stepper > li[aria-current="step"]', { hasText: 'Assessment' }).waitFor();
  assert.equal(await page.locator('.banner-error').count(), 0, 'no spurious error');
  await caseTab('History').click();
  await page.locator('ul.history').getByText('Screening → Assessment', { exact: false }).waitFor();
  assert.equal(await page.locator('ul.history li', { hasText: '→ Assessment' }).count(), 1);
  await caseTab('Overview').click();
  await page.getByTestId('effective-tier').waitFor();
});

test('every write asks for strict durability', async () => {
  const writes = await page.evaluate(() => window.__transactions.filter((t) => t.mode === 'readwrite'));
  assert.ok(writes.length >= 2, JSON.stringify(writes));
  assert.deepEqual([...new Set(writes.map((t) => t.durability))], ['strict']);
});

test('a result entered in error stops counting, and its safety task is closed with the reason', async () => {
  await fillPhq9('Several days');
  const before = await page.evaluate(() => window.__transactions.length);
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.locator('.safety-alert').waitFor();
  // The whole case (with its assessment) is read once, by the case page: saving returns what it wrote.
  const caseFileReads = await page.evaluate(
    (from) => window.__transactions.slice(from).filter((t) => t.stores.includes('assessments')).length,
    before,
  );
  assert.equal(caseFileReads, 1);
  assert.equal(await tier(), 'Urgent');

  const result = page.locator('ul.results li').first();
  await result.getByRole('button', { name: 'Mark entered in error…' }).click();
  await result.getByRole('button', { name: 'Confirm: entered in error' }).click();
  assert.equal(await page.locator('#field-errorreason-error').textContent(), 'This field is required.');
  await page.getByLabel('Why is this result wrong?').fill("Keyed in from another client's form");
  await page.getByLabel('Marked by').fill('N. Sato');
  await result.getByRole('button', { name: 'Confirm: entered in error' }).click();

  await page.getByText("Entered in error on", { exact: false }).waitFor();
  await caseTab('History').click();
  assert.match(await page.locator('ul.history').textContent(), /PHQ-9 .* result marked entered in error by N\. Sato: Keyed in from another client's form/);
  await caseTab('Overview').click();
  await page.getByTestId('effective-tier').waitFor();
  assert.equal(await tier(), 'Not yet stratified', 'its only result no longer counts');
  assert.equal(await page.locator('.safety-alert').count(), 0);
  assert.match(await page.locator('ul.tasks').textContent(), /closed on .*: Keyed in from another client's form/);
  assert.equal(await page.locator('ul.results li s').count(), 1, 'kept in the history, struck through');
  assert.match(await page.locator('tr[data-instrument="phq9"]').textContent(), /Not administered yet\./);
});

test('a result can be marked entered in error by keyboard alone', async () => {
  await fillPhq9('Several days');
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.locator('.safety-alert').waitFor();
  // Tab from the top of the page to the first "Mark entered in error…" (the newest result's).
  await page.locator('body').focus();
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  for (let i = 0; i < 200 && (await focused()) !== 'Mark entered in error…'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Mark entered in error…');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Duplicate of an earlier entry');
  await page.keyboard.press('Tab');
  await page.keyboard.type('N. Sato');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Confirm: entered in error');
  await page.keyboard.press('Enter');
  await page.getByText('Duplicate of an earlier entry', { exact: false }).first().waitFor();
  assert.equal(await page.locator('ul.results li s').count(), 2);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'case-heading', 'focus lands on the heading');
});

test('a reload in the middle of a save asks first, and afterwards the result is stored whole or not at all', async () => {
  const caseUrl = new URL(page.url()).pathname;
  await fillPhq9('More than half the days');
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.type());
    await dialog.accept();
  });
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.reload();
  await page.goto(server.url + caseUrl);
  await page.getByRole('heading', { name: 'Case for Double Tap', exact: true }).waitFor();
  const saved = (await page.locator('ul.results li:not(.entered-in-error)').count()) === 1;
  if (saved) {
    // Whole: the result, the urgent tier and its task came together.
    assert.equal(await tier(), 'Urgent');
    assert.equal(await page.locator('.safety-alert').count(), 1);
  } else {
    assert.equal(await tier(), 'Not yet stratified');
    assert.equal(await page.locator('ul.tasks li.task-open').count(), 0);
  }
  assert.ok(dialogs.every((d) => d === 'beforeunload'), JSON.stringify(dialogs));
  page.removeAllListeners('dialog');
});

test('an assessment draft that cannot be saved after leaving its page is retried and shown wherever the user is', async () => {
  const caseUrl = new URL(page.url()).pathname.match(/\/cases\/[^/]+/)[0];
  const field = () => page.getByLabel('What matters most to the client');
  const banner = page.getByTestId('unsaved-draft');
  await page.goto(server.url + caseUrl + '/assessment');
  await field().waitFor();
  await diskFull(true);
  try {
    await field().fill('To keep walking to the market');
    await page.getByRole('link', { name: 'Caseload' }).click();
    await banner.waitFor({ timeout: 15000 });
    assert.match(await banner.textContent(), /An assessment draft could not be saved: .*storage .* is full/);
    // With a draft not saved, leaving the page asks first (the user stays when they cancel).
    const asked = page.waitForEvent('dialog', { timeout: 10_000 });
    await page.evaluate(() => setTimeout(() => location.reload(), 0));
    const dialog = await asked;
    assert.equal(dialog.type(), 'beforeunload');
    await dialog.dismiss();
    // "Try again now" is offered once the writer has stopped trying by itself.
    await banner.getByRole('button', { name: 'Try again now' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="unsaved-draft"] button')?.disabled, null, { timeout: 15_000 });
  } finally {
    await diskFull(false);
  }
  await banner.getByRole('button', { name: 'Try again now' }).click();
  await banner.waitFor({ state: 'detached' });
  await page.goto(server.url + caseUrl + '/assessment');
  assert.equal(await field().inputValue(), 'To keep walking to the market');

  // Opening the form while a draft is kept brings that draft back, not the older stored one, and tries it again.
  await diskFull(true);
  try {
    await field().fill('To keep walking to the market and see friends');
    await page.getByRole('link', { name: 'Caseload' }).click();
    await banner.waitFor({ timeout: 15000 });
    await banner.getByRole('link', { name: 'Open the assessment' }).click();
    assert.equal(await field().inputValue(), 'To keep walking to the market and see friends');
  } finally {
    await diskFull(false);
  }
  await page.getByText('Saved at', { exact: false }).waitFor({ timeout: 10_000 });
  await page.goto(server.url + caseUrl + '/assessment');
  assert.equal(await field().inputValue(), 'To keep walking to the market and see friends');
  assert.equal(await banner.count(), 0);
});

test('one unreadable record leaves the rest of the caseload readable, and is named', async () => {
  await page.goto(server.url + '/');
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  // The record of "José Decomposed", found by the id in its link (its content is sealed), is damaged in place.
  const href = await page.locator('table.caseload').getByRole('link', { name: 'José Decomposed' }).getAttribute('href');
  const damaged = href.split('/').pop();
  await page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('care-planner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('clients', 'readwrite').objectStore('clients');
          const get = store.get(id);
          get.onsuccess = () => {
            const victim = get.result;
            victim.body = 'e1.damaged';
            store.put(victim).onsuccess = () => {
              open.result.close();
              resolve();
            };
          };
        };
      }),
    damaged,
  );
  await page.reload();
  await page.locator('table.caseload').getByText('Double Tap').waitFor();
  const notice = page.getByTestId('unreadable');
  assert.match(await notice.textContent(), /1 record could not be read/);
  assert.match(await notice.textContent(), new RegExp(damaged));
});

test('after a bug, a plain error screen says what was kept and offers a reload; saved records are intact', async () => {
  await page.goto(server.url + '/');
  await page.locator('table.caseload').getByText('Double Tap').waitFor();
  await page.evaluate(() => {
    try {
      window.wasmBindings.diagnosticPanic();
    } catch {
      // The panic surfaces as an exception in the caller too.
    }
  });
  const screen = page.getByRole('alert');
  await screen.getByRole('heading', { name: 'Something went wrong' }).waitFor();
  assert.match(await screen.textContent(), /Everything that was saved is safe/);
  await Promise.all([page.waitForEvent('load'), screen.getByRole('button', { name: 'Reload' }).click()]);
  await passGate(page);
  await page.locator('table.caseload').getByText('Double Tap').waitFor();
});
