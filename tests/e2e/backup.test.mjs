// End-to-end: the whole workspace backed up to one file, the device wiped, and the file restored on the first
// start, with everything found again; the home page's reminder before a backup and not after; the storage page;
// and files that must be refused (cut short, altered with a recomputed checksum, a wrong passphrase, not a backup)
// refused with a message beside the field that says which, the workspace left empty.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPage, launchChromium, openCase, PASSPHRASE, passGate, serveDist } from './support.mjs';

let server;
let browser;
const dir = mkdtempSync(join(tmpdir(), 'care-planner-backup-'));
let backupFile;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Every record store's row count and whether a keyring exists, read straight from IndexedDB.
async function stored(page) {
  return page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('care-planner');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out = {};
          for (const name of names) {
            const r = tx.objectStore(name).getAllKeys();
            r.onsuccess = () => {
              out[name] = name === 'meta' ? r.result.filter((k) => k === 'keyring').length : r.result.length;
            };
          }
          tx.oncomplete = () => {
            db.close();
            ok(out);
          };
        };
      }),
  );
}

const emptyCounts = (counts) => Object.values(counts).every((n) => n === 0);

test('back up, wipe, restore: everything is found again', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const caseUrl = await openCase(page, server.url, '佐藤 花子', 'Intensive');
  await page.goto(server.url + '/');
  await page.getByTestId('backup-nudge').getByText('This workspace has never been backed up').waitFor();

  // The storage page: space, whether the browser keeps the data, what may delete it; then the backup.
  await page.getByTestId('backup-nudge').getByRole('link', { name: 'Back up now' }).click();
  await page.getByRole('heading', { name: 'Storage on this device' }).waitFor();
  await page.getByTestId('storage-used').getByText(/used, .* available/).waitFor();
  await page.getByTestId('eviction').getByText('Safari after 7 days', { exact: false }).waitFor();
  await page.getByTestId('last-backup').getByText('This workspace has not been backed up yet.').waitFor();
  await checkPage(page, 'the device page with storage and backup');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up now' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^care-planner-backup-\d{4}-\d{2}-\d{2}\.cpbackup$/);
  backupFile = join(dir, file.suggestedFilename());
  await file.saveAs(backupFile);
  await page.getByTestId('backup-outcome').getByText(/^Backed up \d+ records to care-planner-backup-/).waitFor();
  await page.getByTestId('last-backup').getByText('Last backup of this workspace:').waitFor();
  const text = readFileSync(backupFile, 'utf8');
  assert.ok(text.startsWith('CARE-PLANNER-BACKUP 1\n'));
  for (const typed of ['佐藤', 'Struggling at home']) assert.ok(!text.includes(typed), `${typed} is not in the file`);

  // The reminder's setting: refused beside the field when out of range, kept when right.
  await page.getByLabel('Remind me to back up after (days)').fill('0');
  await page.getByRole('button', { name: 'Save the reminder' }).click();
  await page.locator('#remind-days-error').getByText('from 1 to 90').waitFor();
  await page.getByLabel('Remind me to back up after (days)').fill('14');
  await page.getByRole('button', { name: 'Save the reminder' }).click();
  await page.getByText('Reminder saved.').waitFor();
  await page.goto(server.url + '/');
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  await page.getByTestId('last-backup-home').getByText('Last backup of this workspace:').waitFor();
  assert.equal(await page.getByTestId('backup-nudge').count(), 0, 'no reminder just after a backup');

  // Kiosk wipe, offered with "Back up first".
  await page.getByRole('link', { name: 'This device' }).click();
  await page.getByLabel('Kiosk mode: this device is shared').check();
  await page.getByRole('button', { name: 'End session and wipe this device' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByRole('button', { name: 'Back up first' }).waitFor();
  await confirm.getByRole('button', { name: "Delete all of this app's data" }).click();
  await page.locator('#setup-heading').waitFor();
  assert.ok(emptyCounts(await stored(page)), 'the wipe left nothing');

  // Restore on the first start.
  await page.getByRole('button', { name: 'Restore from a backup instead' }).click();
  await page.getByRole('heading', { name: 'Restore from a backup' }).waitFor();
  await checkPage(page, 'the restore form');
  await page.getByLabel('Backup file').setInputFiles(backupFile);
  await page.getByLabel("A user's passphrase, or the recovery key").fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.locator('#unlock-heading').waitFor();
  await page.getByTestId('session-notice').getByText(/^Restored \d+ records\. Unlock to continue\.$/).waitFor();
  await passGate(page);
  await page.getByRole('link', { name: '佐藤 花子' }).waitFor();
  await page.goto(server.url + caseUrl);
  await page.getByRole('heading', { name: 'Case for 佐藤 花子' }).waitFor();
  await page.getByText('Struggling at home after a fall').waitFor();
  await page.goto(server.url + '/audit');
  await page.getByRole('button', { name: 'Verify audit trail' }).click();
  await page.getByText('intact', { exact: false }).first().waitFor();

  // Eight days later, the home page reminds (the setting was 14 before the wipe cleared the device's
  // preferences, so the default of 7 applies again). When the backup was made is a clear row of `meta`: moved
  // eight days back here.
  await page.evaluate(
    (at) =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('care-planner');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put({ key: 'last-backup', done_at: at, rev: 0 });
          tx.oncomplete = () => ok(open.result.close());
          tx.onerror = () => fail(tx.error);
        };
      }),
    new Date(Date.now() - 8 * 24 * 3600 * 1000 - 60_000).toISOString(),
  );
  await page.goto(server.url + '/');
  await page.getByTestId('backup-nudge').getByText('The last backup was 8 days ago.').waitFor();
  await context.close();
});

test('a cut, altered, wrongly unlocked or foreign file is refused, saying which, and nothing is written', async () => {
  assert.ok(backupFile, 'the first test made a backup');
  const text = readFileSync(backupFile, 'utf8');
  const write = (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const body = text.slice(0, text.lastIndexOf('sha256 '));
  const payloadEnd = body.lastIndexOf('\n') - 20;
  const altered = body.slice(0, payloadEnd) + (body[payloadEnd] === 'A' ? 'B' : 'A') + body.slice(payloadEnd + 1);
  const files = {
    cut: write('cut.cpbackup', text.slice(0, Math.floor(text.length * 0.6))),
    altered: write('altered.cpbackup', `${altered}sha256 ${createHash('sha256').update(altered).digest('hex')}\n`),
    damaged: write('damaged.cpbackup', text.replace('"records"', '"recordz"')),
    foreign: write('notes.txt', 'Shopping list\n'),
  };
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.rawGoto(server.url + '/');
  await page.locator('#setup-heading').waitFor();
  await page.getByRole('button', { name: 'Restore from a backup instead' }).click();
  const fileField = page.getByLabel('Backup file');
  const secret = page.getByLabel("A user's passphrase, or the recovery key");
  const restore = page.getByRole('button', { name: 'Restore', exact: true });

  await restore.click();
  await page.locator('#restore-file-error').getByText('Choose a backup file.').waitFor();
  const cases = [
    [files.cut, PASSPHRASE, '#restore-file-error', 'incomplete'],
    [files.altered, PASSPHRASE, '#restore-file-error', 'altered after it was made'],
    [files.damaged, PASSPHRASE, '#restore-file-error', 'damaged'],
    [files.foreign, PASSPHRASE, '#restore-file-error', 'not a care planner backup'],
    [backupFile, 'not the passphrase at all', '#restore-secret-error', 'Neither a user'],
  ];
  for (const [path, typed, where, says] of cases) {
    await fileField.setInputFiles(path);
    await secret.fill(typed);
    await restore.click();
    await page.locator(where).getByText(says, { exact: false }).waitFor();
    await page.locator(`${where}`).getByText('Nothing was restored.', { exact: false }).waitFor();
    assert.ok(emptyCounts(await stored(page)), `${says}: nothing written`);
    assert.equal(await page.locator('#setup-heading').count(), 1, 'still the first start');
  }
  await checkPage(page, 'the restore form with an error');
  await context.close();
});
