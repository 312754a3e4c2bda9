// End-to-end: two tabs of one browser profile editing the same client. The second save does not overwrite the
// first: it says the client was saved elsewhere, shows each field that differs with who changed it, and lets the
// user keep theirs, take the other, or choose field by field; what is saved is exactly the choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, launchChromium, openCase, passGate, serveDist } from './support.mjs';

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

test('a save over a client changed in another tab shows what changed and merges field by field', async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(server.url + '/clients/new');
  await first.getByLabel('Full name').fill('Cai Conflict');
  await first.getByLabel(/^Phone/).first().fill('+81 90-1111-2222');
  await first.getByLabel('Address').fill('1 Old Street');
  await first.getByRole('button', { name: 'Save client' }).click();
  await first.getByRole('heading', { level: 1, name: 'Cai Conflict' }).waitFor();
  const editUrl = first.url() + '/edit';

  // Both tabs open the edit form; the second saves a new phone number first.
  await first.goto(editUrl);
  const second = await context.newPage();
  await second.goto(editUrl);
  await second.getByLabel(/^Phone/).first().fill('+81 80-3333-4444');
  await second.getByRole('button', { name: 'Save client' }).click();
  await second.getByRole('heading', { level: 1, name: 'Cai Conflict' }).waitFor();

  // The first, opened before that save, changes the name and the address.
  await first.getByLabel('Full name').fill('Cai Conflict-Mori');
  await first.getByLabel('Address').fill('2 New Road');
  await first.getByRole('button', { name: 'Save client' }).click();
  const panel = first.getByTestId('conflict');
  await panel.waitFor();
  await first.getByText('saved in another tab or window after you opened it. Nothing was saved.', { exact: false }).waitFor();
  await first.waitForFunction(() => document.activeElement?.id === 'conflict-heading');
  const rows = await panel.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => c.textContent.trim())),
  );
  assert.deepEqual(rows, [
    ['Full name You changed this.', 'Cai Conflict-Mori', 'Cai Conflict'],
    ['Phone Changed elsewhere.', '+81 90-1111-2222', '+81 80-3333-4444'],
    ['Address You changed this.', '2 New Road', '1 Old Street'],
  ]);
  await checkPage(first, 'the conflict panel');
  // The choices start from who changed what: mine for the name and address, the other tab's phone.
  const choice = (row, label) => panel.locator('tbody tr').nth(row).getByLabel(label);
  assert.deepEqual(
    await Promise.all([choice(0, 'Keep yours'), choice(1, 'Take the other'), choice(2, 'Keep yours')].map((c) => c.isChecked())),
    [true, true, true],
  );
  // "All of the other", then the address back to mine by keyboard.
  await panel.getByRole('button', { name: 'Choose all of the other' }).click();
  assert.equal(await choice(2, 'Take the other').isChecked(), true);
  await choice(2, 'Take the other').focus();
  await first.keyboard.press('ArrowUp');
  assert.equal(await choice(2, 'Keep yours').isChecked(), true);
  await panel.getByRole('button', { name: 'Save with these choices' }).click();
  await first.getByRole('heading', { level: 1, name: 'Cai Conflict', exact: true }).waitFor();
  await first.getByText('+81 80-3333-4444').waitFor();
  await first.getByText('2 New Road').waitFor();
  assert.equal(await first.getByText('1 Old Street').count(), 0);

  // The other tab, reloaded, sees the merge; a save from its now-old form is refused in turn, never silently.
  await second.goto(editUrl);
  await second.getByLabel('Address').waitFor();
  assert.equal(await second.getByLabel('Address').inputValue(), '2 New Road');
  await context.close();
});

test('an assessment saved in another tab is not overwritten: the parts that differ are chosen one by one', async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  const caseUrl = await openCase(first, server.url, 'Ava Assess', 'Clinical');
  const assessmentUrl = server.url + caseUrl + '/assessment';
  await first.goto(assessmentUrl);
  const second = await context.newPage();
  await second.goto(assessmentUrl);

  // The second tab writes the living situation; its draft is saved at once.
  await second.locator('#section-livingsituation').fill('Lives alone on the third floor, no lift');
  await second.getByText(/^Saved at /).waitFor();
  // The first, opened before, writes what matters: its save is refused, and nothing of the other is lost.
  await first.locator('#section-whatmatters').fill('Going to the market on Saturdays');
  const panel = first.getByTestId('conflict');
  await panel.waitFor();
  const rows = await panel.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => c.textContent.trim())),
  );
  assert.deepEqual(rows, [
    ['Living situation Changed elsewhere.', '(empty)', 'Lives alone on the third floor, no lift'],
    ['What matters most to the client You changed this.', 'Going to the market on Saturdays', '(empty)'],
  ]);
  await checkPage(first, 'the assessment conflict panel');
  await panel.getByRole('button', { name: 'Save with these choices' }).click();
  await first.getByTestId('conflict').waitFor({ state: 'detached' });
  await first.getByText(/^Saved at /).waitFor();
  assert.equal(await first.locator('#section-livingsituation').inputValue(), 'Lives alone on the third floor, no lift');

  // Both are stored: the other tab, reloaded, sees both.
  await second.goto(assessmentUrl);
  await second.locator('#section-whatmatters').waitFor();
  assert.equal(await second.locator('#section-whatmatters').inputValue(), 'Going to the market on Saturdays');
  assert.equal(await second.locator('#section-livingsituation').inputValue(), 'Lives alone on the third floor, no lift');
  await context.close();
});

test('a form given back after a lock is saved as an edit of what it was typed over, never over a later save', async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(server.url + '/clients/new');
  await first.getByLabel('Full name').fill('Lou Locked');
  await first.getByLabel(/^Phone/).first().fill('+81 90-5555-0000');
  await first.getByRole('button', { name: 'Save client' }).click();
  await first.getByRole('heading', { level: 1, name: 'Lou Locked' }).waitFor();
  const editUrl = first.url() + '/edit';
  await first.goto(editUrl);
  await first.getByLabel('Address').fill('9 Typed Before Lock');

  // Another tab saves a new phone number; then the first tab is locked with its form half typed, and unlocked.
  const second = await context.newPage();
  await second.goto(editUrl);
  await second.getByLabel(/^Phone/).first().fill('+81 80-6666-0000');
  await second.getByRole('button', { name: 'Save client' }).click();
  await second.getByRole('heading', { level: 1, name: 'Lou Locked' }).waitFor();
  await second.close();
  await first.getByRole('button', { name: 'Lock', exact: true }).click();
  await first.locator('#unlock-heading').waitFor();
  await passGate(first);
  await first.getByLabel('Address').waitFor();
  await first.waitForFunction(() => document.querySelector('#field-address')?.value === '9 Typed Before Lock');

  // Its save is refused: the fields it gave back were typed over the older record. Nothing is assumed about who
  // changed what: each difference is "changed in both", for the user to choose.
  await first.getByRole('button', { name: 'Save client' }).click();
  const panel = first.getByTestId('conflict');
  await panel.waitFor();
  const rows = await panel.locator('tbody tr th').allTextContents();
  assert.deepEqual(rows.map((r) => r.trim()), ['Phone Changed in both.', 'Address Changed in both.']);
  await panel.locator('tbody tr').nth(0).getByLabel('Take the other').check();
  await panel.getByRole('button', { name: 'Save with these choices' }).click();
  await first.getByRole('heading', { level: 1, name: 'Lou Locked' }).waitFor();
  await first.getByText('+81 80-6666-0000').waitFor();
  await first.getByText('9 Typed Before Lock').waitFor();
  await context.close();
});
