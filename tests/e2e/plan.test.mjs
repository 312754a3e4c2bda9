// End-to-end: care planning and coordination as a case manager does them, in headless Chromium against dist/ —
// needs, goals, interventions and the team; a referral left past its follow-up date (with the page's clock moved
// on); a missed appointment; the client's agreement, an edit and the earlier revision; the printed plan; and the
// phase stepper's requirements. Tests run in order and share one browser profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { daysFromNow, iso, launchChromium, openCase as openCaseAs, serveDist } from './support.mjs';

let server;
let browser;
let context;
let page;
let caseUrl;
const outside = [];

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
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
// After a save the page reads its records again and puts the keyboard focus back on its heading: the sign that
// what the next step touches is the redrawn page.
const settled = () => page.waitForFunction(() => document.activeElement?.tagName === 'H1');
// Opens a disclosure unless it is open already (a page redrawn after a save keeps what was open).
async function open(details) {
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').first().click();
}

const openCase = (name, model, openedOn) => openCaseAs(page, server.url, name, model, openedOn);

async function addNeed(concern, description) {
  const form = section('Add a need');
  await open(form);
  await form.getByLabel('Concern').selectOption({ label: concern });
  await form.getByLabel('Description').fill(description);
  await form.getByRole('button', { name: 'Save the need' }).click();
  await page.locator('ul.needs li', { hasText: description }).waitFor();
  await settled();
}

async function addGoal(text, need, target) {
  const form = section('Add a goal');
  await open(form);
  await form.getByLabel("Goal, in the client's words").fill(text);
  await form.getByRole('checkbox', { name: need }).check();
  await form.getByLabel('Target date').fill(target);
  await form.getByRole('button', { name: 'Save the goal' }).click();
  await page.locator('[data-testid="goal"] h3', { hasText: text }).waitFor();
  await settled();
}

async function addMember(role, name, organisation, phone = '') {
  const form = section('Add a team member');
  await open(form);
  await form.getByLabel('Role').selectOption({ label: role });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel(/^Organisation/).fill(organisation);
  await form.getByLabel(/^Phone/).fill(phone);
  await form.getByRole('button', { name: 'Save the member' }).click();
  await page.locator('[data-testid="member"]', { hasText: name }).waitFor();
  await settled();
}

async function addIntervention(goal, text, by) {
  const form = section('Add an intervention');
  await open(form);
  await form.getByLabel('Goal', { exact: true }).selectOption({ label: goal });
  await form.getByLabel('What will be done').fill(text);
  if (by) await form.getByLabel('By whom').selectOption({ label: by });
  await form.getByRole('button', { name: 'Save the intervention' }).click();
  await page.locator('[data-testid="intervention"]', { hasText: text }).waitFor();
  await settled();
}

test('a plan is built: two needs, two goals, three interventions, two team members', async () => {
  caseUrl = await openCase('Hana Okada', 'Clinical');
  await tab('Care plan').click();
  await page.getByRole('heading', { name: 'Care plan — Hana Okada' }).waitFor();
  await page.getByText('No plan yet', { exact: false }).waitFor();

  // A goal needs a need; a form with nothing typed says what is missing, next to each field.
  await open(section('Add a goal'));
  await page.getByText('A goal addresses a need: add a need first.').waitFor();
  await section('Add a goal').locator('summary').first().click();

  await addNeed('Food insecurity', 'Runs out of food before payday');
  await addNeed('Help with daily activities (ADL)', 'Cannot manage the bath alone');

  const goalForm = section('Add a goal');
  await open(goalForm);
  await goalForm.getByLabel('Target date').fill(daysFromNow(-1));
  await goalForm.getByRole('button', { name: 'Save the goal' }).click();
  assert.equal(await page.locator('#field-goaltext-error').textContent(), 'This field is required.');
  assert.equal(await page.locator('#field-goalneeds-error').textContent(), 'Tick at least one need this goal addresses.');
  assert.equal(await page.locator('#field-goaltargetdate-error').textContent(), 'The target date must be after the start date.');
  await open(goalForm);

  await addGoal('I want enough food every week', 'Food insecurity: Runs out of food before payday', daysFromNow(30));
  await addGoal('I want to bathe safely', 'Help with daily activities (ADL): Cannot manage the bath alone', daysFromNow(60));

  // The client joined the team with the plan; two more members.
  assert.match(await page.locator('[data-testid="member"]').first().textContent(), /Hana Okada.*Client/);
  await addMember('Family caregiver', 'Ken Okada', 'Family');
  await addMember('Therapist', 'K. Ito', 'Riverside Rehab', '03-1234-5678');
  assert.equal(await page.locator('[data-testid="member"]').count(), 3);

  // The clinical model's template fills in the intervention form.
  await page.getByRole('group', { name: 'Suggested interventions' }).getByRole('button', { name: 'Occupational therapy' }).click();
  const form = section('Add an intervention');
  assert.equal(await form.getByLabel('What will be done').inputValue(), 'Occupational therapy');
  assert.equal(await form.getByLabel('How many times').inputValue(), '2');
  await form.getByLabel('Goal', { exact: true }).selectOption({ label: 'I want to bathe safely' });
  await form.getByLabel('By whom').selectOption({ label: 'K. Ito (Therapist)' });
  await form.getByRole('button', { name: 'Save the intervention' }).click();
  await page.locator('[data-testid="intervention"]', { hasText: 'Occupational therapy' }).waitFor();
  await addIntervention('I want enough food every week', 'Weekly food bank visit with Ken', 'Ken Okada (Family caregiver)');
  await addIntervention('I want enough food every week', 'Apply for the meal subsidy');
  assert.equal(await page.locator('[data-testid="intervention"]').count(), 3);
  assert.match(
    await page.locator('[data-testid="intervention"]', { hasText: 'Occupational therapy' }).textContent(),
    /twice a week, by K\. Ito/,
  );

  // All of it survives a reload.
  await page.reload();
  await page.locator('[data-testid="goal"]').nth(1).waitFor();
  assert.equal(await page.locator('[data-testid="goal"]').count(), 2);
  assert.equal(await page.locator('[data-testid="intervention"]').count(), 3);
});

test('removing a need a goal addresses names the goal, and removes both only when confirmed', async () => {
  await addNeed('Other', 'Worried about the winter heating bill');
  await addGoal('I want a warm flat this winter', 'Other: Worried about the winter heating bill', daysFromNow(20));
  await page.getByRole('button', { name: 'Remove Other: Worried about the winter heating bill' }).click();
  const confirm = page.getByRole('alert').filter({ hasText: 'is still used by' });
  await confirm.waitFor();
  assert.match(await confirm.textContent(), /Goal: I want a warm flat this winter/);
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  assert.equal(await page.locator('[data-testid="goal"]').count(), 3, 'nothing removed');
  await page.getByRole('button', { name: 'Remove Other: Worried about the winter heating bill' }).click();
  await page.getByRole('button', { name: 'Remove it and these links' }).click();
  await page.locator('[data-testid="goal"]', { hasText: 'I want a warm flat' }).waitFor({ state: 'detached' });
  assert.equal(await page.locator('ul.needs li', { hasText: 'heating bill' }).count(), 0);
  assert.equal(await page.locator('[data-testid="goal"]').count(), 2);
});

test('the plan is agreed, then an edit starts a new revision and keeps the agreed one readable', async () => {
  await page.getByLabel('The client agreed', { exact: true }).check();
  await page.getByRole('button', { name: 'Record the review' }).click();
  await page.getByTestId('plan-status').filter({ hasText: 'Revision 1, agreed with the client' }).waitFor();

  await page.getByRole('button', { name: 'Edit this goal: I want to bathe safely' }).click();
  const editor = page.getByRole('region', { name: 'Editing the goal: I want to bathe safely' });
  await editor.getByLabel("Goal, in the client's words").fill('I want to bathe safely on my own');
  await editor.getByRole('button', { name: 'Save the goal' }).click();
  await page.getByTestId('plan-status').filter({ hasText: 'Revision 2, not yet reviewed' }).waitFor();
  const earlier = page.locator('ul.revisions details');
  await earlier.locator('summary').click();
  assert.match(await earlier.textContent(), /Revision 1, replaced on/);
  assert.match(await earlier.textContent(), /I want to bathe safely(?! on my own)/);
});

test('the printed plan shows goals in the client\'s words, who does what, and whom to call', async () => {
  await page.getByRole('link', { name: 'Print the plan for the client' }).click();
  await page.getByRole('heading', { name: "Hana Okada's care plan" }).waitFor();
  const text = await page.locator('.print-plan').textContent();
  assert.match(text, /I want enough food every week/);
  assert.match(text, /K\. Ito: Occupational therapy, twice a week/);
  assert.match(text, /Whom to call.*K\. Ito 03-1234-5678 \(Therapist\)/);
  assert.doesNotMatch(text, /Whom to call.*Hana Okada/, 'the client is not told to call themself');
  // The print stylesheet hides the app's own controls.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), false);
  assert.equal(await page.locator('.app-header').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: 'Back to the plan' }).click();
  await page.getByRole('heading', { name: 'Care plan — Hana Okada' }).waitFor();
});

test('a missed appointment creates a follow-up task that says what made it', async () => {
  await tab('Coordination').click();
  await page.getByRole('heading', { name: 'Care coordination — Hana Okada' }).waitFor();
  const form = section('Add an appointment');
  await open(form);
  await form.getByLabel('Date', { exact: true }).fill(daysFromNow(1));
  await form.getByLabel('Time').fill('10:30');
  await form.getByLabel(/^With/).selectOption({ label: 'K. Ito (Therapist)' });
  await form.getByLabel('Where').fill('Riverside Rehab');
  await form.getByLabel('Purpose').fill('First occupational therapy session');
  await form.getByRole('button', { name: 'Save the appointment' }).click();
  const appointment = page.getByTestId('appointment');
  await appointment.waitFor();
  await appointment.getByRole('button', { name: 'Missed' }).click();
  await page.getByTestId('appointment').filter({ hasText: 'Missed' }).waitFor();
  const task = page.getByTestId('task').filter({ hasText: 'Contact the client about the missed appointment' });
  await task.waitFor();
  assert.match(await task.getByTestId('made-by').textContent(), /an appointment was missed/);

  // A task written by hand looks the same and says so.
  const taskForm = section('Add a task');
  await open(taskForm);
  await taskForm.getByLabel('What to do').fill('Call Ken about the bath rail');
  await taskForm.getByLabel('Assigned to').selectOption({ label: 'Ken Okada (Family caregiver)' });
  await taskForm.getByRole('button', { name: 'Save the task' }).click();
  const manual = page.getByTestId('task').filter({ hasText: 'Call Ken about the bath rail' });
  await manual.waitFor();
  assert.match(await manual.textContent(), /Assigned to Ken Okada\. .*Written by hand/);
  await settled();
});

test('coverage: a certification about to end warns and becomes a renewal task; attended visits use an authorization', async () => {
  // Still on the coordination page from the test before.
  await page.getByRole('heading', { name: 'Care coordination — Hana Okada' }).waitFor();
  const payer = section('Add a payer');
  await open(payer);
  // A control inside a disclosure opened after the page was redrawn keeps its box (and its keyboard focus).
  await payer.getByLabel("Japan's long-term care insurance (介護保険)").check();
  await payer.getByLabel(/^Insured number/).fill('12345');
  await payer.getByRole('button', { name: 'Save the payer' }).click();
  assert.equal(await page.locator('#field-coveragepayer-error').textContent(), 'This field is required.');
  assert.equal(await page.locator('#field-insurednumber-error').textContent(), 'Enter the 10-digit insured number (被保険者番号).');
  await payer.getByLabel('Insurer or programme').fill('Setagaya City LTC insurance');
  await payer.getByLabel(/^Insured number/).fill('0123456789');
  await payer.getByLabel('Care level').selectOption({ label: 'Care level 2 (要介護2)' });
  await payer.getByLabel('Certified from').fill(daysFromNow(-300));
  await payer.getByLabel('Certified until').fill(daysFromNow(20));
  await payer.getByRole('button', { name: 'Save the payer' }).click();
  await page.getByTestId('coverage').waitFor();
  await settled();
  assert.match(await page.getByTestId('coverage-warnings').textContent(), /Setagaya City LTC insurance: the certification ends in 20 days/);

  const authorization = section('Add an authorized service');
  await open(authorization);
  await authorization.getByLabel('Payer').selectOption({ label: 'Setagaya City LTC insurance' });
  await authorization.getByLabel('Service').fill('Home bathing');
  await authorization.getByLabel('Visits or units authorized').fill('3');
  await authorization.getByLabel('Valid from').fill(daysFromNow(-1));
  await authorization.getByLabel('Valid until').fill(daysFromNow(90));
  await authorization.getByRole('button', { name: 'Save the authorization' }).click();
  await page.getByTestId('coverage').filter({ hasText: 'Home bathing: 0 of 3 used' }).waitFor();
  await settled();

  const visit = section('Add an appointment');
  await open(visit);
  await visit.getByLabel('Date', { exact: true }).fill(daysFromNow(0));
  await visit.getByLabel('Time').fill('14:00');
  await visit.getByLabel('Where').fill('Home');
  await visit.getByLabel('Purpose').fill('Bathing help');
  await visit.getByLabel(/^Uses the authorized service/).selectOption({ label: 'Home bathing' });
  await visit.getByRole('button', { name: 'Save the appointment' }).click();
  const row = page.getByTestId('appointment').filter({ hasText: 'Bathing help' });
  await row.waitFor();
  await settled();
  await row.getByRole('button', { name: 'Attended' }).click();
  await page.getByTestId('coverage').filter({ hasText: 'Home bathing: 1 of 3 used' }).waitFor();
  assert.match(await page.getByTestId('coverage-warnings').textContent(), /Home bathing: 2 authorized visits left/);

  // The plan warns too, and the next start makes the renewal task, once.
  await page.reload();
  await page.getByTestId('task').filter({ hasText: 'Arrange the renewal: Setagaya City LTC insurance ends soon' }).waitFor();
  await page.reload();
  await page.getByTestId('coverage').waitFor();
  assert.equal(await page.getByTestId('task').filter({ hasText: 'Arrange the renewal' }).count(), 1);
  await tab('Care plan').click();
  assert.match(await page.getByTestId('coverage-warnings').textContent(), /the certification ends in 20 days/);

  // An intervention that uses the authorization counts against it: twice a week for two weeks is four visits,
  // and with one used, the plan needs more than the three authorized.
  const form = section('Add an intervention');
  await open(form);
  await form.getByLabel('Goal', { exact: true }).selectOption({ label: 'I want to bathe safely on my own' });
  await form.getByLabel('What will be done').fill('Bathing help at home');
  await form.getByLabel('How many times').fill('2');
  await form.getByLabel('From', { exact: true }).fill(daysFromNow(1));
  await form.getByLabel(/^Until/).fill(daysFromNow(14));
  await form.getByLabel(/^Uses the authorized service/).selectOption({ label: 'Home bathing' });
  await form.getByRole('button', { name: 'Save the intervention' }).click();
  const planned = page.getByTestId('intervention').filter({ hasText: 'Bathing help at home' });
  await planned.waitFor();
  assert.match(await planned.textContent(), /Uses the authorized service Home bathing/);
  assert.match(
    await page.getByTestId('coverage-warnings').textContent(),
    /Home bathing: the plan needs 5 visits \(1 used, 4 still planned\) but 3 are authorized/,
  );
  await tab('Coordination').click();
  await page.getByTestId('coverage').filter({ hasText: 'Home bathing: 1 of 3 used and 4 more planned' }).waitFor();
});

test('the stepper names what each phase still misses, and moving on anyway keeps the reason', async () => {
  await tab('Overview').click();
  const screening = page.locator('ol.stepper > li').first();
  assert.match(await screening.textContent(), /Missing: Screening decided/);
  const planning = page.locator('ol.stepper > li').nth(3);
  assert.match(await planning.textContent(), /Done: At least one goal/);
  assert.match(await planning.textContent(), /Missing: Client agreed to the plan/, 'revision 2 is not yet agreed');

  await page.getByLabel('Move the case to').selectOption({ label: '2. Assessment' });
  await page.getByText('This move leaves work missing:').waitFor();
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  assert.equal(await page.locator('#field-movereason-error').textContent(), 'This field is required.');
  await page.getByLabel('Why the case moves on anyway').fill('Screened by the hospital team');
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await page.locator('ol.stepper li[aria-current="step"]', { hasText: '2. Assessment' }).waitFor();
  await tab('History').click();
  const history = await page.locator('ul.history').textContent();
  assert.match(history, /Screening → Assessment, with Screening decided missing\. Reason: Screened by the hospital team/);
  assert.match(history, /Care plan \(revision 1\) reviewed: the client agreed/);
});

test('logging a contact moves the next contact due by the tier and model cadence', async () => {
  await openCase('Kenji Contact', 'Intensive', daysFromNow(-10));
  await tab('Follow-up').click();
  await page.locator('#follow-up-heading').waitFor();
  // Not yet stratified (as moderate, 14 days), intensive (at most 7): due a week after the opening, 3 days ago.
  assert.match(await page.getByTestId('next-contact').textContent(), /Next contact was due .*: 3 days overdue\. No contact logged yet/);
  const form = section('Log a contact');
  await open(form);
  await form.getByLabel('Home visit').check();
  await form.getByLabel('Minutes it took').fill('40');
  await form.getByLabel('With whom').fill('Kenji and his wife');
  await form.getByLabel('Summary').fill('Walked through the new medicine schedule.');
  // A time still to come is refused beside the field.
  await form.getByLabel('Date', { exact: true }).fill(daysFromNow(0));
  await form.getByLabel('Time it began').fill('23:59');
  await form.getByRole('button', { name: 'Save the contact' }).click();
  const timeError = page.locator('#field-contacttime-error');
  if (new Date().getHours() * 60 + new Date().getMinutes() < 23 * 60 + 59) {
    await timeError.filter({ hasText: 'This time is still to come: record it once it has happened.' }).waitFor();
  }
  await form.getByLabel('Date', { exact: true }).fill(daysFromNow(-2));
  await form.getByLabel('Time it began').fill('10:30');
  await form.getByRole('button', { name: 'Save the contact' }).click();
  const logged = page.getByTestId('contact').filter({ hasText: 'Home visit, 40 min, with Kenji and his wife' });
  await logged.waitFor();
  await settled();
  assert.match(await logged.textContent(), /Walked through the new medicine schedule\./);
  // A week after the contact, two days ago.
  assert.match(await page.getByTestId('next-contact').textContent(), /Next contact is due .*, in 5 days\. Counted from the last contact/);
  // Read again from storage, it is the same.
  await page.reload();
  await page.getByTestId('contact').first().waitFor();
  assert.match(await page.getByTestId('next-contact').textContent(), /in 5 days/);

  // A SOAP note of that contact: refused without its objective part, then signed.
  const note = section('Write a progress note');
  await open(note);
  await note.getByLabel(/^SOAP/).check();
  await note.getByLabel('Contact it records').selectOption({ index: 1 });
  await note.getByLabel('Subjective: what the client says').fill('Finds the new schedule easier.');
  await note.getByLabel('Assessment', { exact: true }).fill('Understands the schedule.');
  await note.getByLabel('Plan', { exact: true }).fill('Check the pill box next visit.');
  await note.getByLabel('Signed by').fill('N. Sato');
  await note.getByRole('button', { name: 'Sign the note' }).click();
  assert.equal(await page.locator('#field-noteobjective-error').textContent(), 'This field is required.');
  await note.getByLabel('Objective: what was observed or measured').fill('Pill box filled correctly for the week.');
  await note.getByRole('button', { name: 'Sign the note' }).click();
  const signed = page.getByTestId('note').filter({ hasText: 'Finds the new schedule easier.' });
  await signed.waitFor();
  await settled();
  assert.match(await signed.getByRole('heading').textContent(), /^SOAP note, \d+ \w+ \d{4}, \d{2}:\d{2}$/);
  assert.match(await signed.textContent(), /Signed by N\. Sato/);
  assert.match(await signed.textContent(), /Records the contact on/);
  // Signed, it is only added to: the addendum is signed too, and the note reads as before.
  await signed.getByRole('button', { name: 'Add an addendum' }).click();
  await page.getByLabel('Addendum', { exact: true }).fill('Correction: the pill box was filled by his wife.');
  await page.locator('#field-addendumauthor').fill('N. Sato');
  await page.getByRole('button', { name: 'Sign the addendum' }).click();
  await signed.getByTestId('addendum').waitFor();
  assert.match(await signed.getByTestId('addendum').textContent(), /Correction: the pill box was filled by his wife\.Addendum signed by N\. Sato/);
  assert.match(await signed.textContent(), /Pill box filled correctly for the week\./);
  // Back to the case the next test works on.
  await page.goto(server.url + caseUrl);
  await page.locator('#case-heading').waitFor();
});

test('a numeric goal takes measured values and draws them toward its target line', async () => {
  await tab('Care plan').click();
  await page.locator('#plan-heading').waitFor();
  const form = section('Add a goal');
  await open(form);
  await form.getByLabel("Goal, in the client's words").fill('Walk to the shop without stopping');
  await form.getByRole('checkbox', { name: /Cannot manage the bath alone/ }).check();
  await form.getByLabel('A number with a unit').check();
  await form.getByLabel('Unit', { exact: true }).fill('minutes');
  await form.getByLabel('Target value').fill('20');
  await form.getByLabel('Direction').selectOption({ label: 'At least' });
  await form.getByLabel('Target date').fill(daysFromNow(60));
  await form.getByRole('button', { name: 'Save the goal' }).click();
  const goal = page.getByTestId('goal').filter({ hasText: 'Walk to the shop without stopping' });
  await goal.waitFor();
  await settled();
  assert.match(await goal.textContent(), /No value recorded yet\./);
  for (const [days, minutes] of [[-14, '8'], [0, '12,5']]) {
    await goal.getByRole('button', { name: 'Record a value' }).click();
    await page.getByLabel('Measured on').fill(daysFromNow(days));
    await page.getByLabel('Value', { exact: true }).fill(minutes);
    await page.getByRole('button', { name: 'Save the value' }).click();
    await settled();
  }
  const chart = goal.getByRole('img');
  await chart.waitFor();
  assert.match(await chart.getAttribute('aria-label'), /^Values over time: .*: 8 minutes, .*: 12\.5 minutes\. Target: 20 minutes\.$/);
  assert.equal(await goal.locator('svg circle').count(), 2);
  // A value for a day still to come is refused beside the field.
  await goal.getByRole('button', { name: 'Record a value' }).click();
  await page.getByLabel('Measured on').fill(daysFromNow(1));
  await page.getByLabel('Value', { exact: true }).fill('15');
  await page.getByRole('button', { name: 'Save the value' }).click();
  await page.locator('#field-goalvaluedate-error').filter({ hasText: /./ }).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('the dashboard counts open cases by phase and tier and lists what is due, narrowed by its filters', async () => {
  await page.goto(server.url + '/');
  await page.getByRole('heading', { name: '2 open cases' }).waitFor();
  const count = async (table, label) =>
    (await page.getByTestId(table).locator('tr', { has: page.locator(`th:text-is("${label}")`) }).locator('td').textContent()).trim();
  // Hana Okada's case was moved on to assessment; Kenji Contact's is in screening; neither has a result yet.
  assert.equal(await count('count-by-phase', 'Screening'), '1');
  assert.equal(await count('count-by-phase', 'Assessment'), '1');
  assert.equal(await count('count-by-phase', 'Planning'), '0');
  assert.equal(await count('count-by-tier', 'Not yet stratified'), '2');
  assert.equal(await count('count-by-tier', 'Urgent'), '0');
  // The missed appointment's task is due today; Kenji's next contact is five days away, so not listed.
  const missed = page.getByTestId('due').filter({ hasText: 'Missed appointment: contact the client' });
  assert.match(await missed.textContent(), /Hana Okada.*due today/);
  assert.equal(await page.getByTestId('due').filter({ hasText: 'Kenji Contact' }).count(), 0);
  // Narrowed to urgent cases, nothing is due; back to all tiers, the list returns.
  await page.getByLabel('Risk tier').selectOption({ label: 'Urgent' });
  await page.getByText('Nothing due matches these filters.').waitFor();
  await page.getByLabel('Risk tier').selectOption({ label: 'All' });
  await page.getByLabel('Case manager').selectOption({ label: 'N. Sato' });
  await missed.waitFor();
  // Each line leads to where it is dealt with.
  await missed.getByRole('link', { name: 'Hana Okada' }).click();
  await page.locator('#coordination-heading').waitFor();
});

test('a sent referral left past its follow-up date shows as overdue and becomes one task', async () => {
  await tab('Coordination').click();
  await page.getByRole('heading', { name: 'Care coordination — Hana Okada' }).waitFor();
  const form = section('Add a referral');
  await open(form);
  await form.getByLabel('Service or provider').fill('City food bank');
  await form.getByLabel('For the need').selectOption({ label: 'Food insecurity: Runs out of food before payday' });
  await form.getByLabel('Reason for the referral').fill('Food runs out before payday');
  await form.getByLabel('Status', { exact: true }).selectOption({ label: 'Sent' });
  await form.getByLabel('Follow up by').fill(daysFromNow(-2));
  await form.getByRole('button', { name: 'Save the referral' }).click();
  assert.equal(await page.locator('#field-referralsenton-error').textContent(), 'This field is required.');
  assert.equal(await page.locator('#field-referralfollowup-error').textContent(), 'This date has passed: choose today or a later day.');
  await form.getByLabel('Date sent').fill(daysFromNow(0));
  await form.getByLabel('Follow up by').fill(daysFromNow(3));
  await form.getByRole('button', { name: 'Save the referral' }).click();
  const referral = page.getByTestId('referral');
  await referral.waitFor();
  assert.equal(await referral.getByTestId('overdue').count(), 0, 'on track until its date');

  // Four days later: the same records opened by a page whose clock is four days ahead (the app runs its
  // time-based rules when it opens). Last in the file: the clock is the whole browser context's from here on.
  const later = new Date();
  later.setDate(later.getDate() + 4);
  const future = await context.newPage();
  future.setDefaultTimeout(8000);
  future.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  await future.clock.setFixedTime(later);
  await future.goto(server.url + caseUrl + '/coordination');
  await future.getByTestId('referral').getByTestId('overdue').waitFor();
  const task = future.getByTestId('task').filter({ hasText: 'Follow up the referral to City food bank' });
  await task.waitFor();
  assert.match(await task.getByTestId('made-by').textContent(), /Made by a rule: a referral passed its follow-up date/);
  // The overview says so too.
  await future.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Overview' }).click();
  await future.getByRole('link', { name: '1 referral overdue for follow-up' }).waitFor();
  // Running the rules again (another start) makes no second task.
  await future.goto(server.url + caseUrl + '/coordination');
  await future.getByTestId('referral').getByTestId('overdue').waitFor();
  assert.equal(await future.getByTestId('task').filter({ hasText: 'Follow up the referral' }).count(), 1);

  // Acting on it: the next step ends the overdue state and completes the rule's task.
  await future.getByRole('button', { name: 'Record the next step for the referral to City food bank' }).click();
  const step = future.getByRole('region', { name: 'Next step for the referral to City food bank' });
  await step.getByLabel('Status', { exact: true }).selectOption({ label: 'Accepted' });
  await step.getByLabel('Follow up by').fill(iso(new Date(later.getTime() + 7 * 86400000)));
  await step.getByRole('button', { name: 'Save the step' }).click();
  await future.getByTestId('referral').filter({ hasText: 'Accepted' }).waitFor();
  assert.equal(await future.getByTestId('overdue').count(), 0);
  assert.match(await future.getByTestId('task').filter({ hasText: 'Follow up the referral' }).textContent(), / — done /);
  await future.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'History' }).click();
  assert.match(await future.locator('ul.history').textContent(), /Referral to City food bank: Accepted/);
  await future.close();
  assert.deepEqual(outside, [], 'no request left the origin');
});
