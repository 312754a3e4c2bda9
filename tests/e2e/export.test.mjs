// End-to-end: the exports, as a user makes them from the demo caseload (Japanese and Latin names, every phase,
// PHQ-9 results). Each download is read back by an independent library (tests/formats/validate.py): the CSV files
// by Python's csv module with the Japanese text intact, the calendar by icalendar with clients named by initials
// unless asked, the case's FHIR bundle by fhir.resources (R4) with every reference resolved; in English and in
// Japanese. On a kiosk none of the plain-text exports is offered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkPage, launchChromium, serveDist, smallTargets } from './support.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
let server;
let browser;
const dir = mkdtempSync(join(tmpdir(), 'care-planner-export-'));

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// What the independent reader makes of a file (it exits non-zero, failing the test, when the file is invalid).
const read = (kind, path) =>
  JSON.parse(execFileSync(join(ROOT, '.venv/bin/python'), [join(ROOT, 'tests/formats/validate.py'), kind, path], { encoding: 'utf8' }));

// Clicks an export button and returns the saved download's path.
async function exportFile(page, testid) {
  const download = page.waitForEvent('download');
  await page.getByTestId(testid).click();
  const file = await download;
  const path = join(dir, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  await page.getByTestId(`${testid}-outcome`).getByText(file.suggestedFilename(), { exact: false }).waitFor();
  return { path, name: file.suggestedFilename() };
}

test('the caseload, tasks, contacts and calendar download as files other programs read, in both languages', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.rawGoto(server.url + '/');
  await page.getByRole('button', { name: 'Try the demo with fictional data' }).click();
  await page.getByRole('link', { name: '山本 さくら' }).waitFor();
  await page.getByRole('link', { name: 'Export', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Export' }).waitFor();
  await page.getByTestId('plain-warning').getByText('anyone who gets a copy can read them', { exact: false }).waitFor();
  await checkPage(page, 'the export page');
  assert.deepEqual(await smallTargets(page), [], 'export page touch targets');

  const caseload = await exportFile(page, 'export-caseload');
  assert.match(caseload.name, /^caseload-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = read('csv', caseload.path).rows;
  assert.deepEqual(rows[0].slice(0, 4), ['Client ID', 'Client', 'Reading', 'Date of birth']);
  const sakura = rows.find((r) => r[1] === '山本 さくら');
  assert.ok(sakura, 'a Japanese name, intact');
  assert.match(sakura[2], /^[\u3040-\u309f ]+$/, 'with its reading in kana');
  assert.ok(rows.length > 20, `${rows.length} rows`);
  const phases = new Set(rows.slice(1).map((r) => r[6]));
  assert.ok(phases.has('Planning') || phases.has('Assessment'), [...phases].join());

  const tasks = read('csv', (await exportFile(page, 'export-tasks')).path).rows;
  assert.deepEqual(tasks[0], ['Task ID', 'Case ID', 'Client', 'Task', 'Priority', 'Due']);
  assert.ok(tasks.length > 1);
  const contacts = read('csv', (await exportFile(page, 'export-contacts')).path).rows;
  assert.equal(contacts[0][7], 'Summary');
  assert.ok(contacts.slice(1).some((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r[2])), 'Japanese client names in the log');

  // The calendar names clients by initials unless asked otherwise.
  const calendar = read('ics', (await exportFile(page, 'export-calendar')).path);
  assert.equal(calendar.version, '2.0');
  assert.ok(calendar.events.length > 0);
  const names = rows.slice(1).map((r) => r[1]);
  for (const e of calendar.events) for (const name of names) assert.ok(!e.summary.includes(name), `${name} in ${e.summary}`);
  assert.ok(calendar.events.some((e) => /^[A-Z]\. [A-Z]\.|^[\u4e00-\u9fff]{2}/.test(e.summary)), 'initials');
  await page.getByLabel('Name clients in full instead of by initials').check();
  const named = read('ics', (await exportFile(page, 'export-calendar')).path);
  assert.ok(named.events.some((e) => names.some((n) => e.summary.includes(n))), 'full names when asked');

  // In Japanese: the columns and the code displays in Japanese, the names as written.
  await page.getByRole('button', { name: '日本語', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'エクスポート' }).waitFor();
  const ja = read('csv', (await exportFile(page, 'export-caseload')).path).rows;
  assert.deepEqual(ja[0].slice(0, 3), ['利用者ID', '利用者', 'ふりがな']);
  assert.ok(ja.some((r) => r[1] === '山本 さくら'));
  assert.ok(ja.slice(1).every((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r[6])), 'phases in Japanese');
  await checkPage(page, 'the export page in Japanese');
  await context.close();
});

test('a case exports as a FHIR R4 bundle that an independent validator accepts; a kiosk offers no plain file', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.rawGoto(server.url + '/');
  await page.getByRole('button', { name: 'Try the demo with fictional data' }).click();
  await page.locator('a[href^="/clients/"]', { hasText: '佐々木 健一' }).first().click();
  await page.locator('main a[href^="/cases/"]').first().click();
  await page.getByRole('heading', { level: 1, name: 'Case for 佐々木 健一' }).waitFor();
  const en = await exportFile(page, 'export-fhir');
  assert.match(en.name, /^case-[0-9a-f]{8}-fhir-\d{4}-\d{2}-\d{2}\.json$/);
  const [bundle] = read('fhir', en.path);
  for (const type of ['Patient', 'EpisodeOfCare', 'QuestionnaireResponse', 'Observation']) assert.ok(bundle.types[type], type);
  assert.ok(bundle.codes.some(([system, code]) => system === 'http://loinc.org' && code === '44261-6'), 'PHQ-9 total, LOINC');
  assert.ok(bundle.codes.some(([, code]) => code === '55758-7'), 'PHQ-2 total, LOINC');
  const text = (await import('node:fs')).readFileSync(en.path, 'utf8');
  assert.ok(text.includes('"text": "佐々木 健一"'), 'the name as written');
  assert.ok(text.includes('"valueCode": "SYL"'), 'the reading, marked syllabic');
  assert.ok(text.includes('"display": "Intensive"') || text.includes('"display": "Clinical"') || text.includes('"display": "Brokerage"') || text.includes('"display": "Strengths-based"'), 'the model in English');

  await page.getByRole('button', { name: '日本語', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /佐々木 健一/ }).waitFor();
  const ja = await exportFile(page, 'export-fhir');
  const [jaBundle] = read('fhir', ja.path);
  assert.equal(jaBundle.language, 'ja');
  const jaText = (await import('node:fs')).readFileSync(ja.path, 'utf8');
  assert.ok(/"display": "[^"]*[\u3040-\u30ff\u4e00-\u9fff]/.test(jaText), 'code displays in Japanese');
  await checkPage(page, 'the case page with its FHIR export, in Japanese');
  assert.deepEqual(await smallTargets(page), [], 'case page touch targets');

  // A kiosk: neither the export page nor the case page offers a plain-text file.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.goto(server.url + '/device');
  await page.getByLabel('Kiosk mode: this device is shared').check();
  await page.goto(server.url + '/export');
  await page.getByTestId('export-kiosk').waitFor();
  assert.equal(await page.getByTestId('export-caseload').count(), 0);
  assert.equal(await page.getByTestId('export-calendar').count(), 0);
  await page.goBack();
  await page.goBack();
  await page.getByTestId('export-kiosk').waitFor();
  assert.equal(await page.getByTestId('export-fhir').count(), 0);
  await context.close();
});
