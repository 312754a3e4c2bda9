// End-to-end: screening, instruments, risk stratification with override, tasks, needs and the assessment draft,
// in real headless Chromium against dist/. Tests run in order and share one browser profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, serveDist } from './support.mjs';

let server;
let browser;
let page;
let caseUrl;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Today as the English interface shows a date: "24 Nov 2026".
const today = () => {
  const d = new Date();
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}`;
};
const item = (number) => page.getByRole('group', { name: new RegExp(`^${number}\\. `) });
const tier = () => page.getByTestId('effective-tier').textContent();
const caseTab = (name) => page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true });
// The case history (its own section), then back to the overview.
async function historyText() {
  await caseTab('History').click();
  await page.locator('ul.history').waitFor();
  const text = await page.locator('ul.history').textContent();
  await caseTab('Overview').click();
  await page.getByTestId('effective-tier').waitFor();
  return text;
}

async function openCaseFor(name) {
  await page.goto(server.url + '/clients/new');
  await page.getByLabel('Full name').fill(name);
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('link', { name: 'Open a case' }).click();
  await page.getByLabel('Specialty').selectOption({ label: 'Nursing' });
  await page.getByLabel('Case management model').selectOption({ label: 'Clinical' });
  await page.getByLabel('Assigned case manager').fill('N. Sato');
  await page.getByLabel('Reason for referral').fill('Readmitted twice this year');
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('heading', { name: `Case for ${name}`, exact: true }).waitFor();
  return new URL(page.url()).pathname;
}

async function administer(instrument) {
  await page.locator(`tr[data-instrument="${instrument}"]`).getByRole('link').click();
  await page.getByRole('button', { name: 'Save result' }).waitFor();
}

test('screening records criteria and a decision, with the referral carried over', async () => {
  caseUrl = await openCaseFor('Maria Santos');
  // No instrument given yet: not a rating of "low".
  assert.equal(await tier(), 'Not yet stratified');
  await page.getByText('No rule applies yet').waitFor();
  await page.getByRole('link', { name: 'Record screening' }).click();
  assert.equal(await page.getByLabel('Why the client was identified').inputValue(), 'Readmitted twice this year');
  await page.getByLabel('Other', { exact: true }).check();
  await page.getByRole('button', { name: 'Save screening' }).click();
  assert.equal(await page.locator('#field-decision-error').textContent(), 'Choose one of the options.');
  assert.equal(await page.locator('#field-rationale-error').textContent(), 'This field is required.');
  assert.equal(await page.locator('#field-othercriterion-error').textContent(), 'This field is required.');
  await page.getByLabel('Other', { exact: true }).uncheck();
  await page.getByLabel('An admission in the last 30 days').check();
  await page.getByLabel('5 or more regular medications').check();
  await page.getByLabel('Eligible', { exact: true }).check();
  await page.getByLabel('Rationale').fill('Recent admission and polypharmacy');
  await page.getByRole('button', { name: 'Save screening' }).click();
  await page.getByText('Recent admission and polypharmacy').waitFor();
  assert.match(await historyText(), /Screening recorded: Eligible/);
});

test('a LACE result sets the tier, and the tier says why', async () => {
  await administer('lace');
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.getByText('4 items are not answered yet', { exact: false }).waitFor();
  assert.equal(await page.locator('.item-missing').count(), 4);

  await page.getByRole('spinbutton', { name: /length of stay/ }).fill('8');
  await page.getByRole('group', { name: /acute/ }).getByLabel('Yes').check();
  const charlson = page.getByRole('spinbutton', { name: /comorbidity score/ });
  await charlson.fill('0');
  // The LACE worksheet's weights: heart failure 2 + dementia 3 = 5, so C = 5 (the 1987 Charlson weights gave 2).
  await page.getByLabel('Congestive heart failure').check();
  await page.getByLabel('Dementia').check();
  assert.equal(await charlson.inputValue(), '5', 'the ticked conditions decide C');
  assert.equal(await page.getByLabel('Peptic ulcer disease').count(), 0, 'not in the LACE table');
  assert.equal(await charlson.isEditable(), false, 'read-only while conditions are ticked');
  const ed = page.getByRole('spinbutton', { name: /emergency department visits/ });
  await ed.fill('5000');
  await page.getByText('Enter a whole number from 0 to 1000.').waitFor();
  await ed.fill('1');
  assert.equal(await page.getByText('Enter a whole number from 0 to 1000.').count(), 0);
  assert.equal(await page.getByTestId('score-preview').textContent(), 'Score: 14 (high risk)');
  await page.getByText('van Walraven', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Save result' }).click();

  await page.getByRole('heading', { name: 'Case for Maria Santos', exact: true }).waitFor();
  assert.equal(await tier(), 'High');
  assert.deepEqual(await page.locator('ul.reasons li').allTextContents(), ['LACE 14 ≥ 10 → High']);
  assert.match(await page.locator('tr[data-instrument="lace"]').textContent(), /14 \(high risk\) on/);
});

test('PHQ-9 item 9 above 0 raises a safety alert, an urgent same-day task and the urgent tier', async () => {
  await administer('phq9');
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.getByText('9 items are not answered yet', { exact: false }).waitFor();
  for (let n = 1; n <= 8; n++) await item(n).getByLabel('Several days').check();
  await item(9).getByLabel('Several days').check();
  // The PHQ-2 score is shown with its cut-off, not only whether it is positive.
  assert.equal(await page.getByTestId('score-preview').textContent(), 'Score: 9 (mild) · PHQ-2 2 (below 3: negative)');
  await page.getByText('Same-day safety follow-up needed', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Save result' }).click();

  await page.getByRole('heading', { name: 'Case for Maria Santos', exact: true }).waitFor();
  const alert = page.locator('.safety-alert');
  assert.match(await alert.textContent(), new RegExp(`Safety alert: PHQ-9 item 9 was answered above 0 on ${today()}`));
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.equal(await tier(), 'Urgent');
  const reasons = await page.locator('ul.reasons li').allTextContents();
  assert.deepEqual(reasons, ['PHQ-9 item 9 = 1 > 0 → Urgent', 'LACE 14 ≥ 10 → High']);
  const task = await page.locator('ul.tasks li').first().textContent();
  assert.match(task, new RegExp(`Urgent.*Same-day safety follow-up \\(PHQ-9 item 9\\) — due ${today()}`));
});

test('the tier override needs a rationale, and keeps the computed tier in view and in the history', async () => {
  await page.getByText('Override the tier').click();
  await page.getByLabel('Tier', { exact: true }).selectOption({ label: 'Moderate' });
  await page.getByLabel('Decided by').fill('N. Sato');
  await page.getByRole('button', { name: 'Override', exact: true }).click();
  assert.equal(await page.locator('#field-overriderationale-error').textContent(), 'This field is required.');
  assert.equal(await tier(), 'Urgent', 'refused: nothing changed');

  await page.getByLabel('Rationale for the override').fill('Safety plan in place; daughter staying with her');
  await page.getByRole('button', { name: 'Override', exact: true }).click();
  await page.getByText('Set to Moderate by N. Sato', { exact: false }).waitFor();
  assert.equal(await tier(), 'Moderate');
  assert.equal(await page.locator('.computed-tier').textContent(), 'Computed by the default rules: Urgent');
  assert.match(await historyText(), /Tier overridden by N\. Sato: Urgent → Moderate \(Safety plan in place/);
});

test('everything is still there after a reload', async () => {
  await page.reload();
  await page.getByRole('heading', { name: 'Case for Maria Santos', exact: true }).waitFor();
  assert.equal(await tier(), 'Moderate');
  assert.equal(await page.locator('.computed-tier').textContent(), 'Computed by the default rules: Urgent');
  await page.locator('.safety-alert').waitFor();
  assert.match(await page.locator('ul.tasks').textContent(), /Same-day safety follow-up/);
  assert.match(await page.locator('tr[data-instrument="phq9"]').textContent(), /9 \(mild\)/);
});

test('re-administering shows the change since the previous and the baseline result', async () => {
  await administer('phq9');
  for (let n = 1; n <= 9; n++) await item(n).getByLabel('Not at all').check();
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.getByRole('heading', { name: 'Case for Maria Santos', exact: true }).waitFor();
  const row = await page.locator('tr[data-instrument="phq9"]').textContent();
  assert.match(row, /0 \(minimal\) · PHQ-2 0 \(below 3: negative\) on/);
  assert.match(row, /-9 since previous · -9 since baseline · 2 administrations/);
  await page.locator('.safety-alert').waitFor();
  // Computed now High (LACE), below the Urgent the override was weighed against: the override stands.
  assert.equal(await page.locator('.computed-tier').textContent(), 'Computed by the default rules: High');
  assert.equal(await tier(), 'Moderate');
  // The alert stays while the same-day safety task is open, and goes once it is done.
  await page.getByRole('button', { name: 'Mark done' }).click();
  await page.getByText(`done ${today()}`, { exact: false }).waitFor();
  await page.locator('.safety-alert').waitFor({ state: 'detached' });
});

test('a positive social-needs screen becomes needs for the care plan', async () => {
  await administer('ahc_hrsn');
  await item(1).getByLabel('I have a place to live today, but I am worried about losing it', { exact: false }).check();
  await item(2).getByLabel('Mold').check();
  await item(2).getByLabel('None of the above').check();
  assert.equal(await item(2).getByLabel('Mold').isChecked(), false, '"none of the above" stands alone');
  await item(3).getByLabel('Sometimes true').check();
  await item(4).getByLabel('Never true').check();
  await item(5).getByLabel('No', { exact: true }).check();
  await item(6).getByLabel('No', { exact: true }).check();
  await item(7).getByLabel('Rarely').check();
  for (const n of [8, 9, 10]) await item(n).getByLabel('Never').check();
  await page.getByText('SIREN', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.getByRole('heading', { name: 'Case for Maria Santos', exact: true }).waitFor();
  const ahc = await page.locator('tr[data-instrument="ahc_hrsn"]').textContent();
  assert.match(ahc, /2 of 5 domains positive on/);
  assert.match(ahc, /A safety answer above "never"/);
  await page.getByRole('link', { name: '3 open needs in the care plan' }).click();
  await page.getByRole('heading', { name: 'Care plan — Maria Santos' }).waitFor();
  const needs = await page.locator('ul.needs li').allTextContents();
  assert.equal(needs.length, 3);
  assert.match(needs[0], /High risk of readmission \(from LACE index/, 'LACE 14 raised it earlier');
  assert.match(needs[1], /Housing instability or quality \(from AHC/);
  assert.match(needs[2], /Food insecurity \(from AHC/);
  // Every result and the tier it set are in the history.
  const history = await historyText();
  assert.match(history, /PHQ-9 \(depression\) recorded by N\. Sato: 0 \(minimal\)/);
  assert.match(history, /Computed tier changed: Not yet stratified → High/);
});

test('the case list filters by tier', async () => {
  const other = await openCaseFor('Noah Low');
  assert.ok(other);
  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await page.getByRole('heading', { name: 'Open cases' }).waitFor();
  const clients = () => page.locator('table.cases tbody tr td:first-child').allTextContents();
  // The list is read after the heading is drawn.
  await page.locator('table.cases tbody tr').nth(1).waitFor();
  assert.deepEqual(await clients(), ['Maria Santos', 'Noah Low']);
  await page.getByLabel('Filter by tier').selectOption({ label: 'Moderate' });
  await page.getByText('Noah Low').waitFor({ state: 'detached' });
  assert.deepEqual(await clients(), ['Maria Santos']);
  await page.getByLabel('Filter by tier').selectOption({ label: 'Urgent' });
  await page.getByText('No open cases in this tier.').waitFor();
  assert.match(page.url(), /\/cases\?tier=urgent$/);
  // The filter lives in the address: a reload keeps it.
  await page.goto(server.url + '/cases?tier=moderate');
  await page.locator('table.cases').waitFor();
  assert.deepEqual(await clients(), ['Maria Santos']);
  assert.equal(await page.getByLabel('Filter by tier').inputValue(), 'moderate');
});

test('an assessment draft survives an immediate reload, and completes only with the client\'s own words', async () => {
  await page.goto(server.url + caseUrl + '/assessment');
  await page.getByRole('heading', { name: 'Holistic assessment' }).waitFor();
  await page.getByRole('button', { name: 'Add a medication' }).click();
  await page.getByLabel('Medication 1', { exact: true }).fill('Metformin');
  await page.getByLabel('Dose 1').fill('500 mg');
  // Typed, then reloaded a tenth of a second after the last key: nothing may be lost.
  await page.getByLabel('Living situation').pressSequentially('Lives alone, third floor');
  await page.waitForTimeout(100);
  await page.reload();
  await page.getByRole('heading', { name: 'Holistic assessment' }).waitFor();
  assert.equal(await page.getByLabel('Living situation').inputValue(), 'Lives alone, third floor');
  assert.equal(await page.getByLabel('Medication 1', { exact: true }).inputValue(), 'Metformin');
  assert.equal(await page.getByTestId('assessment-status').textContent(), 'Draft');

  // Typed, then a link followed at once: nothing lost, nothing broken.
  await page.getByLabel('Barriers').pressSequentially('No lift');
  await page.getByRole('link', { name: 'Maria Santos' }).click();
  await page.waitForTimeout(100);
  await page.getByRole('heading', { name: 'Case for Maria Santos', exact: true }).waitFor();
  await page.goto(server.url + caseUrl + '/assessment');
  assert.equal(await page.getByLabel('Barriers').inputValue(), 'No lift');

  await page.getByRole('button', { name: 'Mark the assessment complete' }).click();
  await page.getByText('Write down what matters most to the client', { exact: false }).waitFor();
  await page.getByLabel('What matters most to the client').fill('Getting back to my garden');
  await page.getByRole('button', { name: 'Mark the assessment complete' }).click();
  await page.getByText('Saved at', { exact: false }).waitFor();
  assert.equal(await page.getByTestId('assessment-status').textContent(), 'Complete');
  await page.reload();
  await page.getByRole('heading', { name: 'Holistic assessment' }).waitFor();
  assert.equal(await page.getByTestId('assessment-status').textContent(), 'Complete');

  // Changing a completed assessment makes it a draft again until it is completed anew.
  await page.getByLabel('What matters most to the client').fill('');
  await page.getByText('Saved at', { exact: false }).waitFor();
  assert.equal(await page.getByTestId('assessment-status').textContent(), 'Draft');
  await page.reload();
  await page.getByRole('heading', { name: 'Holistic assessment' }).waitFor();
  assert.equal(await page.getByTestId('assessment-status').textContent(), 'Draft');
});

test('on a tablet, a phone and a 640 px screen at 200% zoom nothing spills sideways', async () => {
  for (const width of [768, 360, 320]) {
    await page.setViewportSize({ width, height: 844 });
    for (const path of [caseUrl, caseUrl + '/assessment', caseUrl + '/instruments/phq9', caseUrl + '/screening', '/', '/cases', '/clients/new']) {
      await page.goto(server.url + path);
      await page.locator('main h1').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a ${width}px screen`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('a "not eligible" screening offers to close the case with that reason', async () => {
  await openCaseFor('Olga Ineligible');
  await page.getByRole('link', { name: 'Record screening' }).click();
  await page.getByLabel('Not eligible', { exact: true }).check();
  await page.getByLabel('Rationale').fill('Already enrolled in another programme');
  await page.getByRole('button', { name: 'Save screening' }).click();
  await page.getByText('Close this case with the screening rationale as the reason?').waitFor();
  await page.getByRole('button', { name: 'Close the case' }).click();
  await page.getByText('Closed on', { exact: false }).waitFor();
  assert.match(await page.locator('.banner-warning').textContent(), /Already enrolled in another programme/);
  assert.equal(await page.getByRole('link', { name: 'Administer' }).count(), 0, 'a closed case takes no new results');
  const closedCase = new URL(page.url()).pathname;
  await page.goto(server.url + closedCase + '/instruments/phq9');
  await page.getByText('This case is closed', { exact: false }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save result' }).count(), 0);
  await page.goto(server.url + closedCase + '/assessment');
  await page.getByText('This case is closed', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Living situation').isDisabled(), true, 'readable, not changeable');
});
