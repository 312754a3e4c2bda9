// End-to-end: a case handed over between two browser profiles (two workspaces with their own keys), as the two
// case managers do it. The sender makes the encrypted file and is shown its one-time passphrase, then closes the
// case as transferred; the colleague opens the file with the passphrase and imports it. A second file after the
// sender changed the client clashes with what the colleague holds: the colleague chooses per item (the client
// replaced, the case kept as it is). A changed file, a cut one and a wrong passphrase are each refused, said
// beside the field, with the colleague's workspace unchanged. No request leaves the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPage, launchChromium, openCase, serveDist, smallTargets } from './support.mjs';

let server;
let browser;
const dir = mkdtempSync(join(tmpdir(), 'care-planner-handover-'));

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// How many records each store of the profile's workspace holds (the audit log included).
const holdings = (page) =>
  page.evaluate(
    () =>
      new Promise((ok) => {
        const open = indexedDB.open('care-planner');
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const counts = {};
          const tx = db.transaction(names);
          for (const name of names) tx.objectStore(name).count().onsuccess = (e) => (counts[name] = e.target.result);
          tx.oncomplete = () => {
            db.close();
            ok(counts);
          };
        };
      }),
  );

// Logs a contact on the case's follow-up page, as a user does (the form is in a collapsed section).
async function logContact(page, casePath, summary) {
  await page.goto(server.url + casePath + '/follow-up');
  await page.locator('#follow-up-heading').waitFor();
  const form = page.locator('details', { has: page.locator('summary:text-is("Log a contact")') });
  if (!(await form.evaluate((d) => d.open))) await form.locator('summary').first().click();
  await form.getByLabel('Phone').check();
  await form.getByLabel('Minutes it took').fill('20');
  await form.getByLabel('With whom').fill('本人');
  await form.getByLabel('Summary').fill(summary);
  await form.getByRole('button', { name: 'Save the contact' }).click();
  await page.getByText(summary).first().waitFor();
}

// Makes a handover file of every open case of the client on the page; returns the saved path and the passphrase.
async function handOver(page) {
  await page.getByRole('link', { name: 'Hand over to a colleague' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hand over to a colleague' }).waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('make-handover').click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^care-planner-handover-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.cphandover$/);
  const path = join(dir, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  const passphrase = (await page.getByTestId('handover-passphrase').innerText()).trim();
  assert.match(passphrase, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  return { path, passphrase };
}

// Opens a handover file on the receiving page with `passphrase`.
async function openFile(page, path, passphrase) {
  await page.goto(server.url + '/handover');
  await page.getByRole('heading', { level: 1, name: 'Receive a handover' }).waitFor();
  await page.getByLabel('Handover file').setInputFiles(path);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Open the file' }).click();
}

test('a case handed over between two profiles, a clash chosen per item, altered files refused', async () => {
  const requests = [];
  const senderContext = await browser.newContext();
  const receiverContext = await browser.newContext();
  for (const c of [senderContext, receiverContext]) c.on('request', (r) => requests.push(r.url()));
  const sender = await senderContext.newPage();
  const receiver = await receiverContext.newPage();

  // The sender: a client under a Japanese name with a case and a contact.
  const casePath = await openCase(sender, server.url, '佐藤 花子', 'Intensive');
  await logContact(sender, casePath, '自宅で面談。服薬は予定どおり。');
  await sender.goto(server.url + casePath);
  await sender.getByRole('link', { name: '佐藤 花子' }).first().click();
  const first = await handOver(sender);
  await checkPage(sender, 'the handover page with its passphrase');
  assert.deepEqual(await smallTargets(sender), [], 'handover page touch targets');
  const text = readFileSync(first.path, 'utf8');
  for (const typed of ['佐藤', '花子', '服薬', first.passphrase]) assert.ok(!text.includes(typed), `${typed} in the file`);

  // The colleague, on their own device: the file opens with the passphrase as typed and imports.
  await receiver.goto(server.url + '/');
  const empty = await holdings(receiver);
  await openFile(receiver, first.path, first.passphrase.toLowerCase().replaceAll('-', ' '));
  await receiver.getByTestId('handover-summary').getByText('佐藤 花子: 1 case,', { exact: false }).waitFor();
  await checkPage(receiver, 'the receiving page with a file opened');
  await receiver.getByTestId('import-handover').click();
  await receiver.getByTestId('import-outcome').getByText(/^Imported \d+ records\./).waitFor();
  await receiver.getByTestId('import-outcome').getByRole('link', { name: 'Open the client' }).click();
  await receiver.getByRole('heading', { level: 1, name: '佐藤 花子' }).waitFor();
  await receiver.locator('main a[href^="/cases/"]').first().click();
  await receiver.getByRole('heading', { level: 1, name: 'Case for 佐藤 花子' }).waitFor();
  await receiver.goto(server.url + casePath + '/follow-up');
  await receiver.getByText('自宅で面談。服薬は予定どおり。').waitFor();
  assert.ok((await holdings(receiver)).contacts > empty.contacts);

  // The sender changes the client's phone and hands over again: now both the client and the case clash.
  await sender.goto(server.url + casePath);
  await sender.getByRole('link', { name: '佐藤 花子' }).first().click();
  await sender.getByRole('link', { name: 'Edit', exact: true }).click();
  await sender.getByLabel(/^Phone/).first().fill('+81 90-9999-0000');
  await sender.getByRole('button', { name: 'Save client' }).click();
  await sender.getByRole('heading', { level: 1, name: '佐藤 花子' }).waitFor();
  const second = await handOver(sender);

  // The colleague meanwhile logged a contact of their own: the case is kept as it is here, the client replaced.
  await logContact(receiver, casePath, '受け手の記録');
  await openFile(receiver, second.path, second.passphrase);
  await receiver.getByText('Some of this is already in this workspace.').waitFor();
  await receiver.getByRole('group', { name: 'Client: 佐藤 花子' }).getByLabel('Replace what is here').check();
  await receiver.getByRole('group', { name: /^Case: / }).getByLabel('Skip').check();
  await checkPage(receiver, 'the receiving page with clashes');
  assert.deepEqual(await smallTargets(receiver), [], 'receiving page touch targets');
  await receiver.getByTestId('import-handover').click();
  await receiver.getByTestId('import-outcome').getByText('Imported 1 record.').waitFor();
  await receiver.goto(server.url + casePath + '/follow-up');
  await receiver.getByText('受け手の記録').waitFor();
  await receiver.goto(server.url + casePath);
  await receiver.getByRole('link', { name: '佐藤 花子' }).first().click();
  await receiver.getByText('+81 90-9999-0000').waitFor();

  // Altered files and a wrong passphrase: refused, beside the field, with nothing written.
  const before = await holdings(receiver);
  const lines = readFileSync(second.path, 'utf8').split('\n');
  const flip = (s, at) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
  const rechecked = (header, payload) => {
    const body = `${lines[0]}\n${header}\n${payload}\n`;
    return `${body}sha256 ${createHash('sha256').update(body).digest('hex')}\n`;
  };
  const altered = [
    ['changed.cphandover', lines.map((l, i) => (i === 2 ? flip(l, 40) : l)).join('\n'), second.passphrase, 'Handover file', 'This file is damaged'],
    ['cut.cphandover', lines.slice(0, 2).join('\n') + '\n' + lines[2].slice(0, 50), second.passphrase, 'Handover file', 'This file is incomplete'],
    ['resealed.cphandover', rechecked(lines[1], flip(lines[2], 40)), second.passphrase, 'Passphrase', 'This passphrase does not open the file.'],
    ['wrong.cphandover', lines.join('\n'), first.passphrase, 'Passphrase', 'This passphrase does not open the file.'],
    ['backup.cphandover', 'CARE-PLANNER-BACKUP 1\n{}\n\nsha256 0\n', second.passphrase, 'Handover file', 'This is not a handover file'],
  ];
  for (const [name, content, passphrase, field, message] of altered) {
    const path = join(dir, name);
    writeFileSync(path, content);
    await openFile(receiver, path, passphrase);
    const error = field === 'Passphrase' ? '#handover-secret-error' : '#handover-file-error';
    await receiver.locator(error).getByText(message, { exact: false }).waitFor();
    assert.equal(await receiver.getByTestId('import-handover').count(), 0, `${name}: nothing offered to import`);
  }
  assert.deepEqual(await holdings(receiver), before, 'the workspace is unchanged');
  await checkPage(receiver, 'the receiving page with a refused file');

  // The sender closes the handed-over case as transferred, the reason already chosen.
  await sender.getByRole('link', { name: /^Close as transferred: / }).click();
  const close = sender.getByRole('form', { name: 'Close the case' });
  await close.getByLabel('Reason for closure').waitFor();
  assert.equal(await close.getByLabel('Reason for closure').inputValue(), 'transferred');
  await close.getByRole('button', { name: /^Close the case/ }).click();
  await sender.getByTestId('closed').getByText(': Transferred.', { exact: false }).waitFor();

  const outside = requests.filter((u) => /^https?:/.test(u) && !u.startsWith(server.url));
  assert.deepEqual(outside, [], 'no request outside the origin');
  await senderContext.close();
  await receiverContext.close();
});
