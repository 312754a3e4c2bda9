// End-to-end: the later phases as a case manager works them, in headless Chromium against dist/ — a discharge home
// and its 72-hour contact task (on the dashboard, then met by a contact), the transition checklist, and medication
// reconciliation against the current list. Tests run in order and share one browser profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { daysFromNow, launchChromium, openCase, serveDist } from './support.mjs';

let server;
let browser;
let page;
let caseUrl;
const outside = [];

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => console.error('page error:', e));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) outside.push(r.url());
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const tab = (name) => page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true });
const section = (summary) => page.locator('details', { has: page.locator(`summary:text-is("${summary}")`) });
const settled = () => page.waitForFunction(() => document.activeElement?.tagName === 'H1');
async function open(details) {
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').first().click();
}

test('a discharge home makes a 72-hour contact task that shows on the dashboard until a contact meets it', async () => {
  caseUrl = await openCase(page, server.url, 'Aiko Transit', 'Clinical', daysFromNow(-10));
  await tab('Transitions').click();
  await page.locator('#transitions-heading').waitFor();
  await page.getByText('No transition recorded.').waitFor();
  const form = section('Record a transition');
  await open(form);
  // A move to where the client already is is refused beside the field.
  await form.getByLabel('From').selectOption({ label: 'Hospital' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Hospital' });
  await form.getByRole('button', { name: 'Record the transition' }).click();
  assert.equal(
    await page.locator('#field-transitionto-error').textContent(),
    'This is the setting the client came from: choose where they went.',
  );
  // Discharged home three days ago, late in the evening: the 72 hours end tonight.
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Home' });
  await form.getByLabel('Date of the move').fill(daysFromNow(-3));
  await form.getByLabel('Time of the move').fill('23:59');
  await form.getByRole('button', { name: 'Record the transition' }).click();
  const move = page.getByTestId('transition').filter({ hasText: 'Hospital to Home' });
  await move.waitFor();
  await settled();
  assert.match(await move.getByTestId('post-contact').textContent(), /^Contact the client by .*, 23:59 \(72 hours after the move\)\.$/);
  assert.match(await move.textContent(), /No contact since the move\./);

  // The dashboard lists the task, due today.
  await page.goto(server.url + '/');
  const due = page.getByTestId('due').filter({ hasText: 'Contact the client within 72 hours of the move home' });
  await due.waitFor();
  assert.match(await due.textContent(), /Aiko Transit.*due today/);

  // A phone call yesterday meets it: the task is done, and the transition says so.
  await page.goto(server.url + caseUrl + '/follow-up');
  await page.locator('#follow-up-heading').waitFor();
  const contact = section('Log a contact');
  await open(contact);
  await contact.getByLabel('Phone').check();
  await contact.getByLabel('Date', { exact: true }).fill(daysFromNow(-1));
  await contact.getByLabel('Time it began').fill('10:00');
  await contact.getByLabel('Minutes it took').fill('20');
  await contact.getByLabel('With whom').fill('Aiko');
  await contact.getByLabel('Summary').fill('Home and settled; has her new tablets.');
  await contact.getByRole('button', { name: 'Save the contact' }).click();
  await page.getByTestId('contact').first().waitFor();
  await tab('Transitions').click();
  await page.locator('#transitions-heading').waitFor();
  assert.match(await move.getByTestId('post-contact').textContent(), /^72-hour contact made: .*, 10:00\.$/);
  assert.match(await move.textContent(), /Phone, 20 min, with Aiko/);
  await page.goto(server.url + '/');
  await page.getByTestId('count-by-phase').waitFor();
  assert.equal(await due.count(), 0);
  assert.deepEqual(outside, []);
});

test('the checklist is kept item by item, and a reconciliation marks each medication and replaces the list', async () => {
  // The current list: two medications on the assessment.
  await page.goto(server.url + caseUrl + '/assessment');
  await page.getByRole('heading', { name: 'Holistic assessment' }).waitFor();
  for (const [n, name, dose] of [[1, 'Metformin', '500 mg'], [2, 'Aspirin', '100 mg']]) {
    await page.getByRole('button', { name: 'Add a medication' }).click();
    await page.getByLabel(`Medication ${n}`, { exact: true }).fill(name);
    await page.getByLabel(`Dose ${n}`).fill(dose);
  }
  await page.getByText(/^Saved at/).waitFor();
  await page.waitForFunction(() => !document.body.textContent.includes('Saving'));

  await page.goto(server.url + caseUrl + '/transitions');
  const move = page.getByTestId('transition').filter({ hasText: 'Hospital to Home' });
  await move.waitFor();
  await move.getByLabel('Discharge summary received').check();
  // Saved at once, and the keyboard focus stays on the box (the next one is a Tab away, not a page away).
  await page.waitForFunction(() => document.activeElement?.dataset?.item === 'discharge_summary' && !document.activeElement.disabled);
  await page.reload();
  await move.waitFor();
  assert.equal(await move.getByLabel('Discharge summary received').isChecked(), true);
  assert.equal(await move.getByLabel('Caregiver briefed').isChecked(), false);

  await move.getByRole('button', { name: 'Reconcile medications' }).click();
  const form = page.getByRole('form', { name: 'Reconcile medications' });
  await form.getByRole('button', { name: 'Confirm the reconciliation' }).click();
  assert.equal(await page.locator('#field-medicationchange-0-error').textContent(), 'Choose one of the options.');
  await form.getByRole('group', { name: 'Metformin, 500 mg' }).getByLabel('After the move').selectOption({ label: 'Continued' });
  const aspirin = form.getByRole('group', { name: 'Aspirin, 100 mg' });
  await aspirin.getByLabel('After the move').selectOption({ label: 'Changed (dose or frequency)' });
  await aspirin.getByLabel('Dose').fill('75 mg');
  await form.getByRole('button', { name: 'Add a new medication' }).click();
  const added = form.getByRole('group', { name: 'New medication 1' });
  await added.getByLabel('Medication', { exact: true }).fill('Bisoprolol');
  await added.getByLabel('Dose').fill('2.5 mg');
  await form.getByLabel('Reconciled by').fill('N. Sato');
  await form.getByRole('button', { name: 'Confirm the reconciliation' }).click();
  const reconciled = move.getByTestId('reconciled');
  await reconciled.waitFor();
  assert.deepEqual(await reconciled.locator('li').allTextContents(), [
    'Continued: Metformin, 500 mg',
    'Changed (dose or frequency): Aspirin, 100 mg; now Aspirin, 75 mg',
    'New: Bisoprolol, 2.5 mg',
  ]);
  assert.equal(await move.getByLabel('Medication reconciliation done').isChecked(), true);
  // The assessment's list is the list after the move.
  await page.goto(server.url + caseUrl + '/assessment');
  await page.getByLabel('Medication 3', { exact: true }).waitFor();
  assert.deepEqual(
    await Promise.all([1, 2, 3].map((n) => page.getByLabel(`Medication ${n}`, { exact: true }).inputValue())),
    ['Metformin', 'Aspirin', 'Bisoprolol'],
  );
  assert.equal(await page.getByLabel('Dose 2').inputValue(), '75 mg');
  assert.deepEqual(outside, []);
});

const item = (number) => page.getByRole('group', { name: new RegExp(`^${number}\\. `) });

test('each goal gets an outcome, results show baseline to latest, and a closure cancels the open work and leaves the case read-only until it is reopened', async () => {
  // A goal to evaluate, two PHQ-9 results, and a task still open.
  await page.goto(server.url + caseUrl + '/plan');
  const need = section('Add a need');
  await open(need);
  await need.getByLabel('Concern').selectOption({ label: 'Other' });
  await need.getByLabel('Description').fill('Unsteady since the discharge');
  await need.getByRole('button', { name: 'Save the need' }).click();
  await page.locator('ul.needs li', { hasText: 'Unsteady since the discharge' }).waitFor();
  await settled();
  const goal = section('Add a goal');
  await open(goal);
  await goal.getByLabel("Goal, in the client's words").fill('Walk to the post office again');
  await goal.getByRole('checkbox', { name: /Unsteady since the discharge/ }).check();
  await goal.getByLabel('Target date').fill(daysFromNow(30));
  await goal.getByRole('button', { name: 'Save the goal' }).click();
  await page.locator('[data-testid="goal"] h3', { hasText: 'Walk to the post office again' }).waitFor();
  for (const answer of ['Several days', 'Not at all']) {
    await page.goto(server.url + caseUrl + '/instruments/phq9');
    await page.getByRole('button', { name: 'Save result' }).waitFor();
    for (let n = 1; n <= 9; n++) await item(n).getByLabel(n === 9 ? 'Not at all' : answer).check();
    await page.getByRole('button', { name: 'Save result' }).click();
    await page.waitForURL(server.url + caseUrl);
  }
  // Given twice, the PHQ-9 is drawn over time on the case page, its five bands shaded, its values in words.
  const trend = page.locator('figure[data-instrument="phq9"]');
  await trend.waitFor();
  assert.equal(await trend.locator('rect.band').count(), 5);
  assert.equal(await trend.locator('circle').count(), 2);
  assert.match(
    await trend.getByRole('img').getAttribute('aria-label'),
    /^PHQ-9 \(depression\) totals over time: .*: 8 \(mild\).*, .*: 0 \(minimal\).*\. Bands: minimal 0–4, mild 5–9, moderate 10–14, moderately severe 15–19, severe 20–27\.$/,
  );
  await page.goto(server.url + caseUrl + '/coordination');
  const task = section('Add a task');
  await open(task);
  await task.getByLabel('What to do').fill('Call the GP about the new tablets');
  await task.getByRole('button', { name: 'Save the task' }).click();
  await page.getByTestId('task').filter({ hasText: 'Call the GP about the new tablets' }).waitFor();

  await tab('Evaluation and closure').click();
  await page.locator('#evaluation-heading').waitFor();
  const outcome = page.getByTestId('goal-outcome').filter({ hasText: 'Walk to the post office again' });
  assert.match(await outcome.textContent(), /No outcome recorded yet\./);
  const changes = page.getByTestId('instrument-changes').locator('tr', { has: page.locator('th:text-is("PHQ-9 (depression)")') });
  assert.equal(await changes.locator('td').nth(2).textContent(), '−8');
  // With the goal not evaluated, the closure asks why.
  assert.match(await page.locator('#close-form').textContent(), /1 goal has no outcome yet/);
  await outcome.getByRole('button', { name: 'Record the outcome' }).click();
  await outcome.getByLabel('Partly achieved').check();
  await outcome.getByLabel('Comment').fill('Walks there with a stick, resting once.');
  await outcome.getByLabel('Judged by').fill('N. Sato');
  await outcome.getByRole('button', { name: 'Save the outcome' }).click();
  await outcome.filter({ hasText: 'Partly achieved: judged by N. Sato' }).waitFor();
  await settled();
  assert.equal(await page.locator('#close-form').getByText(/no outcome yet/).count(), 0);

  // Closing lists what is still open and cancels it with the case, in one go.
  const close = page.getByRole('form', { name: 'Close the case' });
  assert.deepEqual(await page.getByTestId('open-work').locator('li').allTextContents(), [
    `Call the GP about the new tablets, due ${await page.evaluate(() => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date()))}`,
  ]);
  await close.getByLabel('Reason for closure').selectOption({ label: 'Goals met' });
  await close.getByRole('button', { name: 'Close the case and cancel these' }).click();
  await page.getByTestId('closed').waitFor();
  assert.match(await page.getByTestId('closed').textContent(), /^Closed on .*: Goals met\. The case is read-only until it is reopened\.$/);
  // Read-only everywhere: no form takes a change.
  for (const [name, heading] of [['Follow-up', '#follow-up-heading'], ['Transitions', '#transitions-heading'], ['Care plan', '#plan-heading']]) {
    await tab(name).click();
    await page.locator(heading).waitFor();
    await page.getByText('This case is closed and read-only.', { exact: false }).first().waitFor();
    assert.equal(await page.locator('form button[type="submit"]').count(), 0, `${name} offers no form`);
  }
  await tab('Coordination').click();
  const cancelled = page.getByTestId('task').filter({ hasText: 'Call the GP about the new tablets' });
  await cancelled.waitFor();
  assert.match(await cancelled.textContent(), /cancelled on .* with the case's closure \(Goals met\)/);

  // Reopened, with its reason kept in the history, the case takes changes again.
  await tab('Evaluation and closure').click();
  const reopen = section('Reopen the case');
  await open(reopen);
  await reopen.getByRole('button', { name: 'Reopen the case' }).click();
  assert.equal(await page.locator('#field-reopenreason-error').textContent(), 'This field is required.');
  await reopen.getByLabel('Why it reopens').fill('Fell again; asked for help.');
  await reopen.getByLabel('Reopened by').fill('N. Sato');
  await reopen.getByRole('button', { name: 'Reopen the case' }).click();
  await page.locator('#close-form').waitFor();
  await tab('History').click();
  await page.locator('ul.history').getByText('Case reopened by N. Sato: Fell again; asked for help.').waitFor();
  assert.match(await page.locator('ul.history').textContent(), /Case closed: Goals met/);
  await tab('Follow-up').click();
  await section('Log a contact').waitFor();
  assert.deepEqual(outside, []);
});

test('case managers and signers are a staff list: a typed name joins it once, and a member can be corrected', async () => {
  // The case opened above named N. Sato: the staff list has them, once.
  await page.goto(server.url + '/staff');
  await page.locator('#staff-heading').waitFor();
  const sato = page.getByTestId('staff-member').filter({ hasText: 'N. Sato' });
  await sato.waitFor();
  assert.equal(await page.getByTestId('staff-member').count(), 1);
  // A second person with the same name (however typed) is refused beside the field.
  const add = section('Add a staff member');
  await open(add);
  await add.getByLabel('Name').fill('n. sato');
  await add.getByRole('button', { name: 'Save the staff member' }).click();
  assert.equal(await page.locator('#field-staffname-error').textContent(), 'Someone on the staff list already has this name.');
  await add.getByLabel('Name').fill('K. Ito');
  await add.getByLabel(/^Role/).fill('Social worker');
  await add.getByLabel(/^Specialty/).selectOption({ label: 'Social work' });
  await add.getByRole('button', { name: 'Save the staff member' }).click();
  await page.getByTestId('staff-member').filter({ hasText: 'K. Ito' }).waitFor();
  assert.match(await page.getByTestId('staff-member').filter({ hasText: 'K. Ito' }).textContent(), /Social worker, Social work/);
  // Corrected, the member keeps their place.
  await settled();
  await sato.getByRole('button', { name: 'Change N. Sato' }).click();
  await sato.getByLabel(/^Role/).fill('Nurse case manager');
  await sato.getByRole('button', { name: 'Save the staff member' }).click();
  await page.getByTestId('staff-member').filter({ hasText: 'Nurse case manager' }).waitFor();
  // Opening a case offers the list's names; a name already on it adds no one.
  await openCase(page, server.url, 'Bunta Staff', 'Brokerage');
  await page.goto(server.url + '/staff');
  await page.locator('#staff-heading').waitFor();
  assert.equal(await page.getByTestId('staff-member').count(), 2);
  assert.deepEqual(outside, []);
});
