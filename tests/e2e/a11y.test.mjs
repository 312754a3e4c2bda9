// End-to-end: every page, with the states a user meets (errors shown, forms open, notices up), checked by axe-core
// (the npm package, injected into the page) for zero violations. Tests run in order in one profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, launchChromium, serveDist, smallTargets as smallTargetsOf } from './support.mjs';


let server;
let browser;
let page;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 768, height: 1024 } })).newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const axe = (what) => checkPage(page, what);

/// Buttons, button-like links, disclosure summaries and tab links smaller than 44 by 44 CSS pixels.
const smallTargets = () => smallTargetsOf(page);

const item = (number) => page.getByRole('group', { name: new RegExp(`^${number}\\. `) });

test('the caseload, empty and with a client', async () => {
  await page.goto(server.url + '/');
  await page.getByText('No clients yet', { exact: false }).waitFor();
  await axe('empty caseload');
});

test('registration, with its errors shown, and the client page', async () => {
  await page.goto(server.url + '/clients/new');
  await page.getByLabel('Full name').fill('\u200B');
  await page.getByLabel('E-mail').fill('not-an-address');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.locator('#field-fullname-error').waitFor();
  await axe('registration with errors');
  await page.getByLabel('Full name').fill('Aiko Access');
  await page.getByLabel('E-mail').fill('');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('heading', { level: 1, name: 'Aiko Access' }).waitFor();
  await axe('client page');
});

test('opening a case, and the case page as it grows', async () => {
  await page.getByRole('link', { name: 'Open a case' }).click();
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.locator('#field-specialty-error').waitFor();
  await axe('case form with errors');
  await page.getByLabel('Specialty').selectOption({ label: 'Nursing' });
  await page.getByLabel('Case management model').selectOption({ label: 'Clinical' });
  await page.getByLabel('Assigned case manager').fill('N. Sato');
  await page.getByLabel('Reason for referral').fill('Falls at home');
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('heading', { name: 'Case for Aiko Access', exact: true }).waitFor();
  await axe('new case page');

  await page.locator('tr[data-instrument="phq9"]').getByRole('link').click();
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.getByText('items are not answered yet', { exact: false }).waitFor();
  await axe('PHQ-9 with unanswered items');
  for (let n = 1; n <= 9; n++) await item(n).getByLabel('Several days').check();
  await page.getByRole('button', { name: 'Save result' }).click();
  await page.locator('.safety-alert').waitFor();
  await axe('case page with a safety alert, a task and a result');

  await page.locator('ul.results li').first().getByRole('button', { name: 'Mark entered in error…' }).click();
  await page.getByRole('button', { name: 'Confirm: entered in error' }).click();
  await page.locator('#field-errorreason-error').waitFor();
  await axe('entered-in-error form with errors');
  // Every button and button-like link is a touch target of at least 44 by 44 CSS pixels.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, a.button')]
      .map((e) => ({ text: e.textContent.trim(), box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(({ text, box }) => `${text}: ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  assert.deepEqual(small, []);
  await page.getByRole('button', { name: 'Keep the result' }).click();
  await page.getByText('Override the tier').click();
  await axe('override form open');
});

test('screening, the assessment, LACE and the case list', async () => {
  const caseUrl = new URL(page.url()).pathname;
  await page.goto(server.url + caseUrl + '/screening');
  await page.getByRole('button', { name: 'Save screening' }).click();
  await page.locator('#field-decision-error').waitFor();
  await axe('screening with errors');

  await page.goto(server.url + caseUrl + '/assessment');
  await page.getByLabel('What matters most to the client').fill('My garden');
  await page.getByText('Saved at', { exact: false }).waitFor();
  await axe('assessment');

  await page.goto(server.url + caseUrl + '/instruments/lace');
  await page.getByLabel('Congestive heart failure').check();
  await axe('LACE with a condition ticked');

  await page.goto(server.url + '/cases');
  await page.getByRole('heading', { name: 'Open cases' }).waitFor();
  await axe('case list');
  await page.goto(server.url + '/');
  await page.locator('table.caseload').getByText('Aiko Access').waitFor();
  await axe('caseload with a client');
});

test('by keyboard alone: register a client, open a case, give a PHQ-9, and see it on the case page', async () => {
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    return e?.labels?.[0]?.textContent?.trim() || e?.getAttribute('aria-label') || e?.textContent?.trim() || '';
  });
  /// Tabs forward to the control whose label or text starts with `name` (at most 80 steps).
  async function tabTo(name, exact = false) {
    const found = async () => (exact ? (await focused()) === name : (await focused()).startsWith(name));
    for (let i = 0; i < 80 && !(await found()); i++) await page.keyboard.press('Tab');
    assert.ok(await found(), `reached ${name} by Tab`);
    // The focus is visible: an outline drawn around the control (or its answer box).
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return document.activeElement.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    });
    assert.ok(ring, `${name} shows where the focus is`);
  }
  await page.goto(server.url + '/');
  await page.locator('main h1').waitFor();
  await page.locator('body').focus();
  await tabTo('Register a client');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Register a client' }).waitFor();
  await page.locator('body').focus();
  await tabTo('Full name');
  await page.keyboard.type('Kei Keyboard');
  await tabTo('Save client');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Kei Keyboard' }).waitFor();

  await page.locator('body').focus();
  await tabTo('Open a case');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Open case' }).waitFor();
  await page.locator('body').focus();
  await tabTo('Specialty');
  await page.keyboard.press('ArrowDown');
  await tabTo('Case management model');
  await page.keyboard.press('ArrowDown');
  await tabTo('Assigned case manager');
  await page.keyboard.type('N. Sato');
  await tabTo('Reason for referral');
  await page.keyboard.type('Low mood');
  await tabTo('Open case');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Case for Kei Keyboard', exact: true }).waitFor();

  await page.locator('body').focus();
  await tabTo('Administer');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Save result' }).waitFor();
  await page.locator('body').focus();
  // Each item: Tab reaches its first answer, an arrow key moves to "Several days" and selects it.
  for (let n = 1; n <= 9; n++) {
    await tabTo('Not at all');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'Several days');
  }
  await tabTo('Save result');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Case for Kei Keyboard', exact: true }).waitFor();
  assert.match(await page.locator('ul.results li').first().textContent(), /PHQ-9.*: 9 \(mild\)/);

  // On to the care plan: a need and a goal for it, by keyboard.
  await page.locator('body').focus();
  await tabTo('Care plan', true);
  await page.keyboard.press('Enter');
  await page.locator('#plan-heading').waitFor();
  await page.locator('body').focus();
  await tabTo('Add a need');
  await page.keyboard.press('Enter');
  await tabTo('Concern');
  await page.keyboard.press('ArrowDown');
  await tabTo('Description');
  await page.keyboard.type('Cannot reach the shops');
  await tabTo('Save the need');
  await page.keyboard.press('Enter');
  await page.locator('ul.needs li', { hasText: 'Cannot reach the shops' }).waitFor();
  await page.locator('body').focus();
  await tabTo('Add a goal');
  if (!(await page.locator('#add-goal').evaluate((d) => d.open))) await page.keyboard.press('Enter');
  await tabTo("Goal, in the client's words");
  await page.keyboard.type('Shop for myself again');
  await tabTo('Housing instability or quality: Cannot reach the shops');
  await page.keyboard.press('Space');
  await tabTo('Target date');
  await page.keyboard.type('01012099');
  await tabTo('Save the goal');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="goal"]', { hasText: 'Shop for myself again' }).waitFor();
});

test('the care plan, coordination, history and the printed plan, with every form open and errors shown', async () => {
  await page.goto(server.url + '/');
  await page.locator('table.caseload').getByRole('link', { name: 'Aiko Access' }).click();
  await page.locator('ul.case-list a').first().click();
  await page.locator('#case-heading').waitFor();
  const tab = (name) => page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true });
  const openAll = () => page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await tab('Care plan').click();
  await page.locator('#plan-heading').waitFor();
  await openAll();
  await axe('empty care plan with its forms open');
  await page.locator('#field-needconcern').selectOption({ label: 'Transportation' });
  await page.locator('#field-needdescription').fill('No bus on Sundays');
  await page.getByRole('button', { name: 'Save the need' }).click();
  await page.locator('ul.needs li').waitFor();
  await openAll();
  await page.getByRole('button', { name: 'Save the goal' }).click();
  await page.locator('#field-goaltext-error').filter({ hasText: /./ }).waitFor();
  await axe('care plan with goal errors');
  await page.getByLabel("Goal, in the client's words").fill('Get to church on Sundays');
  await page.getByRole('checkbox', { name: /No bus on Sundays/ }).check();
  await page.getByLabel('A number with a unit').check();
  await page.getByLabel('Unit', { exact: true }).fill('Sundays a month');
  await page.getByLabel('Target value').fill('4');
  await page.getByLabel('Direction').selectOption({ label: 'At least' });
  await page.getByLabel('Target date').fill('2099-01-01');
  await page.getByRole('button', { name: 'Save the goal' }).click();
  await page.locator('[data-testid="goal"]').waitFor();
  // A value recorded (the chart drawn), and the form open for the next one.
  await page.getByRole('button', { name: 'Record a value' }).click();
  await page.getByLabel('Value', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Save the value' }).click();
  await page.locator('svg.value-chart').waitFor();
  await page.getByRole('button', { name: 'Record a value' }).click();
  await page.getByRole('button', { name: 'Save the value' }).waitFor();
  await axe('care plan with a numeric goal, its chart and the value form');
  await page.getByRole('button', { name: /^Remove Transportation/ }).click();
  await page.getByRole('button', { name: 'Remove it and these links' }).waitFor();
  await openAll();
  await axe('care plan with a goal, and a removal awaiting confirmation');
  assert.deepEqual(await smallTargets(), [], 'care plan touch targets');

  await tab('Coordination').click();
  await page.locator('#coordination-heading').waitFor();
  await openAll();
  await page.getByRole('button', { name: 'Save the referral' }).click();
  await page.locator('#field-referralto-error').filter({ hasText: /./ }).waitFor();
  await page.getByRole('button', { name: 'Save the appointment' }).click();
  await page.locator('#field-appointmenttime-error').filter({ hasText: /./ }).waitFor();
  await axe('coordination with errors');
  assert.deepEqual(await smallTargets(), [], 'coordination touch targets');

  await tab('Follow-up').click();
  await page.locator('#follow-up-heading').waitFor();
  await openAll();
  await page.getByRole('button', { name: 'Save the contact' }).click();
  await page.locator('#field-contactmode-error').filter({ hasText: /./ }).waitFor();
  await page.getByLabel(/^DAP/).check();
  await page.getByRole('button', { name: 'Sign the note' }).click();
  await page.locator('#field-notedata-error').filter({ hasText: /./ }).waitFor();
  await axe('follow-up with errors');
  assert.deepEqual(await smallTargets(), [], 'follow-up touch targets');

  await tab('Transitions').click();
  await page.locator('#transitions-heading').waitFor();
  await openAll();
  await page.getByRole('button', { name: 'Record the transition' }).click();
  await page.locator('#field-transitionfrom-error').filter({ hasText: /./ }).waitFor();
  await page.getByLabel('From').selectOption({ label: 'Hospital' });
  await page.getByLabel('To', { exact: true }).selectOption({ label: 'Home' });
  await page.getByRole('button', { name: 'Record the transition' }).click();
  await page.getByTestId('post-contact').waitFor();
  await page.getByRole('button', { name: 'Reconcile medications' }).click();
  await page.getByRole('button', { name: 'Add a new medication' }).click();
  await page.getByRole('button', { name: 'Confirm the reconciliation' }).click();
  await page.locator('#field-reconciledby-error').filter({ hasText: /./ }).waitFor();
  await axe('transitions with a reconciliation under way');
  assert.deepEqual(await smallTargets(), [], 'transitions touch targets');

  await tab('Evaluation and closure').click();
  await page.locator('#evaluation-heading').waitFor();
  await page.getByRole('button', { name: 'Record the outcome' }).first().click();
  await page.getByRole('button', { name: 'Save the outcome' }).click();
  await page.locator('#field-evaluationoutcome-error').filter({ hasText: /./ }).waitFor();
  await page.getByRole('button', { name: /^Close the case/ }).click();
  await page.locator('#field-closurecode-error').filter({ hasText: /./ }).waitFor();
  await axe('evaluation and closure with errors');
  assert.deepEqual(await smallTargets(), [], 'evaluation touch targets');

  await tab('History').click();
  await page.locator('ul.history').waitFor();
  await axe('history');
  await tab('Care plan').click();
  await page.getByRole('link', { name: 'Print the plan for the client' }).click();
  await page.locator('.print-plan h1').waitFor();
  await axe('printed plan');

  await page.goto(server.url + '/staff');
  await page.locator('#staff-heading').waitFor();
  await page.locator('#add-staff summary').click();
  await page.getByRole('button', { name: 'Save the staff member' }).click();
  await page.locator('#field-staffname-error').filter({ hasText: /./ }).waitFor();
  await axe('staff list with the add form refused');
  assert.deepEqual(await smallTargets(), [], 'staff touch targets');

  await page.goto(server.url + '/');
  await page.locator('#dashboard-heading').waitFor();
  await page.getByTestId('count-by-phase').waitFor();
  await axe('home page with the dashboard');
  assert.deepEqual(await smallTargets(), [], 'home page touch targets');
});

test('the error screen after a bug', async () => {
  await page.evaluate(() => {
    try {
      window.wasmBindings.diagnosticPanic();
    } catch {
      // The panic surfaces here too.
    }
  });
  await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
  await axe('error screen');
});
