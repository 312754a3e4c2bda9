// End-to-end: a long today list is shown 50 lines at a time, each line named with its client once shown, and a
// filter starts the list again from its first 50.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openCase, serveDist } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the today list shows 50 lines, then more on request, each named with its client', async () => {
  const caseUrl = await openCase(page, server.url, 'Pia Paging', 'Clinical');
  await page.goto(server.url + caseUrl + '/coordination');
  const form = page.locator('details', { has: page.locator('summary:text-is("Add a task")') });
  for (let n = 1; n <= 52; n++) {
    if (!(await form.evaluate((d) => d.open))) await form.locator('summary').click();
    await form.getByLabel('What to do').fill(`Task ${n}`);
    await form.getByRole('button', { name: 'Save the task' }).click();
    await page.getByTestId('task').filter({ hasText: `Task ${n}` }).first().waitFor();
  }
  await page.getByRole('link', { name: 'Caseload' }).click();
  const lines = page.getByTestId('due');
  await page.getByText('Showing 50 of 52 items.').waitFor();
  assert.equal(await lines.count(), 50);
  // Every line shown is named (names are read for the shown lines only, after the list is drawn).
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=due]')].every((li) => li.querySelector('a')?.textContent === 'Pia Paging'));
  await page.getByRole('button', { name: 'Show more' }).click();
  await page.getByText('52 items.', { exact: true }).waitFor();
  // The focus is on the first line added, not lost with the button.
  await page.waitForFunction(() => document.activeElement === document.querySelector('ul.due-list > li:nth-child(51)'));
  assert.equal(await lines.count(), 52);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=due]')].every((li) => li.querySelector('a')?.textContent === 'Pia Paging'));
  assert.equal(await page.getByRole('button', { name: 'Show more' }).count(), 0);
  // A filter that keeps every line starts again from the first 50.
  await page.getByLabel('Specialty', { exact: true }).selectOption({ label: 'Social work' });
  await page.getByText('Showing 50 of 52 items.').waitFor();
  assert.equal(await lines.count(), 50);
});
