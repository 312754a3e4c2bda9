// End-to-end: the interface in Japanese and English. A first visit follows the browser's language; the switch is on
// every page and is remembered on the device; dates, ages and eras follow the language; search folds kana and
// half-width forms and waits for an input method to finish; instruments given in Japanese say they are the app's
// own translation; every page passes axe-core in Japanese and fits a tablet, a phone and 200% zoom. Screenshots of
// the main pages at tablet width in both languages go to test-results/screenshots/ for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { checkPage, launchChromium, serveDist } from './support.mjs';

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;

let server;
let browser;
let context;
let page;
const errors = [];

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
  // A tablet whose browser prefers Japanese.
  context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 768, height: 1024 } });
  page = await context.newPage();
  // The first user is named in Japanese, like everyone this walk types: the check for English words left on the
  // page reads the staff list too.
  page.gateUser = '佐藤 看護師';
  page.on('pageerror', (e) => errors.push(e.message));
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const lang = () => page.evaluate(() => document.documentElement.lang);
const pressed = (name) => page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

const axe = (what) => checkPage(page, what);

/// Nothing spills sideways at a tablet's, a phone's and a 640 px screen at 200% zoom's width.
async function fitsEveryWidth(what) {
  for (const width of [768, 360, 320]) {
    await page.setViewportSize({ width, height: 1024 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${what} is ${overflow}px wider than a ${width}px screen`);
  }
  await page.setViewportSize({ width: 768, height: 1024 });
}

/// The instrument's form, from the date given to the save button, in CSS pixels.
const formHeight = () => page.evaluate(() => Math.round(document.querySelector('form.instrument-form').getBoundingClientRect().height));

async function screenshot(name) {
  await page.screenshot({ path: `${SHOTS}${await lang()}-${name}.png`, fullPage: true });
}

/// Text nodes of the page that hold a run of Latin letters, outside user data and the instruments' own names.
async function latinWords() {
  return page.evaluate(() => {
    // SOAP and DAP (and their section letters) are how Japanese care records name these formats too.
    // FHIR (HL7 FHIR R4), JSON, CSV and .ics name the export formats in Japanese as well.
    const allowed = /^(PHQ|GAD|LACE|AHC|ADL|IADL|Katz|Lawton|English|KB|MB|GB|TB|B|CMSA|Charlson|SOAP|DAP|FHIR|HL|R|JSON|CSV|ics|[SOAPD]|[A-Z]\.)$/;
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('[data-user-text], [lang="en"], script, style')) continue;
      for (const word of node.textContent.match(/[A-Za-z][A-Za-z.]*/g) ?? []) {
        if (!allowed.test(word)) found.push(word);
      }
    }
    return found;
  });
}

test('a first visit follows the browser\'s language, and the choice is kept on the device', async () => {
  await page.goto(server.url + '/');
  await page.locator('main h1').waitFor();
  assert.equal(await lang(), 'ja');
  assert.equal(await page.title(), 'ケアプランナー', 'the tab title is in the language too');
  assert.equal(await pressed('日本語'), 'true');
  assert.equal(await pressed('English'), 'false');
  assert.equal(await page.getByRole('link', { name: 'Caseload' }).count(), 0);
  assert.deepEqual(await latinWords(), []);
  await axe('empty caseload in Japanese');

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Caseload' }).waitFor();
  assert.equal(await lang(), 'en');
  assert.equal(await page.title(), 'Care planner');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Caseload' }).waitFor();
  assert.equal(await lang(), 'en', 'the choice outlives a reload');
  assert.equal(await pressed('English'), 'true');

  await page.getByRole('button', { name: '日本語', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'ja');
  assert.equal(await page.getByRole('heading', { level: 1, name: 'Caseload' }).count(), 0);
});

test('a client registered in Japanese: dates, age and era in Japanese, search by any kana form', async () => {
  await page.goto(server.url + '/clients/new');
  // In Japanese a name is given in its parts, family name first, each with its reading.
  await page.locator('#field-familyname').fill('山田');
  await page.locator('#field-givenname').fill('花子');
  await page.locator('#field-familyreading').fill('ﾔﾏﾀﾞ');
  await page.locator('#field-givenreading').fill('ﾊﾅｺ');
  // The date of birth written in the era calendar fills the calendar field.
  await page.locator('#field-dateofbirthera').fill('S49.5.12');
  assert.equal(await page.locator('#field-dateofbirth').inputValue(), '1974-05-12');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('heading', { level: 1, name: '山田 花子' }).waitFor();
  const details = await page.locator('dl.details').textContent();
  assert.match(details, /1974年5月12日（昭和49年）/);
  assert.match(details, /\d+歳/);
  assert.match(details, /ヤマダ ハナコ/, 'the reading is stored full-width');
  await axe('client page in Japanese');
  await screenshot('client');

  await page.goto(server.url + '/');
  const rows = page.locator('table.caseload tbody tr');
  await rows.first().waitFor();
  await registerOther('Costa', 'Bruno');
  await registerOther('青木', '空', 'あおき', 'そら');
  await page.goto(server.url + '/');
  await rows.nth(2).waitFor();
  // Latin names first, then by reading: 青木 (あおき) before 山田 (やまだ), though 青 comes after 山 in Unicode.
  assert.deepEqual(await page.locator('table.caseload tbody tr td:first-child a').allTextContents(), ['Costa Bruno', '青木 空', '山田 花子']);
  const search = page.locator('#client-search');
  for (const query of ['ﾔﾏﾀﾞ', 'やまだ', 'ヤマダ', 'やま']) {
    await search.fill(query);
    await page.waitForFunction(() => document.querySelectorAll('table.caseload tbody tr').length === 1);
    assert.equal(await rows.first().locator('td').first().locator('a').textContent(), '山田 花子', query);
  }
  await search.fill('');
  await page.waitForFunction(() => document.querySelectorAll('table.caseload tbody tr').length === 3);
  await fitsEveryWidth('caseload in Japanese');
  await screenshot('caseload');
});

async function registerOther(family, given, familyReading, givenReading) {
  await page.goto(server.url + '/clients/new');
  await page.locator('#field-familyname').fill(family);
  await page.locator('#field-givenname').fill(given);
  if (familyReading) await page.locator('#field-familyreading').fill(familyReading);
  if (givenReading) await page.locator('#field-givenreading').fill(givenReading);
  await page.locator('button[type="submit"]').click();
  await page.locator('dl.details').waitFor();
}

test('an input method\'s unconverted text is not searched until it is confirmed', async () => {
  await page.goto(server.url + '/');
  const rows = page.locator('table.caseload tbody tr');
  await rows.nth(2).waitFor();
  const search = page.locator('#client-search');
  await search.focus();
  const cdp = await context.newCDPSession(page);
  // Typing "やま" with an input method: the text is composed, not yet committed.
  await cdp.send('Input.imeSetComposition', { text: 'や', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'やま', selectionStart: 2, selectionEnd: 2 });
  assert.equal(await search.inputValue(), 'やま', 'the composition is in the field');
  // Give the app every chance to react to the composing input before checking it did not.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  assert.equal(await rows.count(), 3, 'nothing is searched while composing');
  // The user confirms the conversion.
  await cdp.send('Input.insertText', { text: '山' });
  await page.waitForFunction(() => document.querySelectorAll('table.caseload tbody tr').length === 1);
  assert.equal(await search.inputValue(), '山');
  await cdp.detach();
});

test('a case and a PHQ-9 in Japanese: the translation is labelled, the form fits a tablet, the result says so', async () => {
  await page.goto(server.url + '/');
  await page.locator('table.caseload').getByRole('link', { name: '山田 花子' }).click();
  await page.locator('dl.details').waitFor();
  const clientPath = new URL(page.url()).pathname;
  await page.goto(server.url + clientPath + '/cases/new');
  await page.locator('#field-specialty').selectOption('nursing');
  await page.locator('#field-model').selectOption('clinical');
  await page.locator('#field-casemanager').fill('佐藤 看護師');
  await page.locator('#field-referralreason').fill('自宅での転倒');
  await page.locator('button[type="submit"]').click();
  await page.locator('#case-heading').waitFor();
  await axe('new case page in Japanese');
  await fitsEveryWidth('case page in Japanese');
  await screenshot('case');

  await page.locator('tr[data-instrument="phq9"] a').click();
  await page.getByTestId('unvalidated-translation').waitFor();
  assert.ok((await formHeight()) <= 1200, `the PHQ-9 is ${await formHeight()}px tall at 768px wide`);
  await axe('PHQ-9 in Japanese');
  await fitsEveryWidth('PHQ-9 in Japanese');
  await screenshot('phq9');
  for (let n = 1; n <= 9; n++) {
    await page.locator('fieldset.item').nth(n - 1).locator('input[type="radio"]').nth(1).check();
  }
  // The running score stays in view while answering the first item, at the top of the form.
  await page.locator('fieldset.item').first().scrollIntoViewIfNeeded();
  const bar = await page.locator('.score-bar').boundingBox();
  assert.ok(bar && bar.y + bar.height <= 1024 && bar.y >= 0, 'the score bar is on screen');
  await page.locator('button[type="submit"]').click();
  await page.locator('ul.results li').first().waitFor();
  const note = await page.getByTestId('unvalidated-translation').count();
  assert.equal(note, 0, 'back on the case page');
  const result = await page.locator('ul.results li').first().textContent();
  assert.match(result, /本アプリ独自の翻訳/);
  assert.deepEqual(await latinWords(), []);
  await axe('case page with a Japanese result');
});

test('every other page in Japanese, in the states a user meets, passes axe-core and fits every width', async () => {
  const caseUrl = new URL(page.url()).pathname;
  await page.goto(server.url + '/clients/new');
  await page.locator('#field-familyreading').fill('yamada');
  await page.locator('#field-dateofbirthera').fill('昭和64年1月8日');
  await page.locator('button[type="submit"]').click();
  await page.locator('#field-familyname-error').waitFor();
  assert.match(await page.locator('#field-familyreading-error').textContent(), /ひらがなまたはカタカナ/);
  assert.match(await page.locator('#field-dateofbirthera-error').textContent(), /元号にある日付/);
  assert.equal(await page.locator('#field-familyname').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#field-familyname').getAttribute('aria-describedby'), 'field-familyname-error');
  await axe('registration with errors in Japanese');
  await fitsEveryWidth('registration in Japanese');
  await screenshot('registration');

  await page.goto(server.url + caseUrl + '/screening');
  await page.locator('button[type="submit"]').click();
  await page.locator('#field-decision-error').waitFor();
  await axe('screening with errors in Japanese');
  await fitsEveryWidth('screening in Japanese');

  await page.goto(server.url + caseUrl + '/assessment');
  await page.locator('textarea').first().fill('庭の手入れ');
  await page.getByTestId('assessment-status').waitFor();
  await page.waitForFunction(() => /\d{1,2}:\d{2}:\d{2}/.test(document.body.textContent));
  await axe('assessment in Japanese');
  await fitsEveryWidth('assessment in Japanese');
  await screenshot('assessment');

  await page.goto(server.url + caseUrl + '/instruments/lace');
  await page.locator('input[type="checkbox"]').first().check();
  await axe('LACE in Japanese');
  await fitsEveryWidth('LACE in Japanese');

  await page.goto(server.url + '/cases');
  await page.locator('#tier-filter').waitFor();
  await axe('case list in Japanese');
  await fitsEveryWidth('case list in Japanese');
  assert.deepEqual(await latinWords(), []);

  // The care plan: a need and a goal added in Japanese, every form open, one refused with its errors.
  await page.goto(server.url + caseUrl + '/plan');
  await page.locator('#plan-heading').waitFor();
  const openAll = () => page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await openAll();
  await page.locator('#field-needconcern').selectOption('food');
  await page.locator('#field-needdescription').fill('給料日前に食べ物がなくなる');
  await page.locator('#field-needdescription').press('Enter');
  await page.locator('ul.needs li').waitFor();
  await openAll();
  await page.locator('#field-goaltext').fill('毎週、十分に食べたい');
  await page.locator('fieldset#field-goalneeds input').first().check();
  await page.locator('#field-goaltargetdate').fill('2099-01-01');
  await page.locator('#add-goal button[type="submit"]').click();
  await page.locator('[data-testid="goal"]').waitFor();
  await openAll();
  await page.locator('#field-membername').fill('伊藤 健');
  await page.locator('button[type="submit"]', { hasText: 'メンバーを保存' }).click();
  await page.locator('#field-memberrole-error').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await latinWords(), []);
  await axe('care plan in Japanese');
  await fitsEveryWidth('care plan in Japanese');
  await screenshot('plan');

  await page.goto(server.url + caseUrl + '/plan/print');
  await page.locator('.print-plan h1').waitFor();
  assert.deepEqual(await latinWords(), []);
  await axe('printed plan in Japanese');
  await fitsEveryWidth('printed plan in Japanese');

  await page.goto(server.url + caseUrl + '/coordination');
  await page.locator('#coordination-heading').waitFor();
  await openAll();
  await page.locator('button[type="submit"]', { hasText: '紹介を保存' }).click();
  await page.locator('#field-referralto-error').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await latinWords(), []);
  await axe('coordination in Japanese');
  await fitsEveryWidth('coordination in Japanese');
  await screenshot('coordination');

  // Follow-up: a contact logged in Japanese, then the form refused with its errors.
  await page.goto(server.url + caseUrl + '/follow-up');
  await page.locator('#follow-up-heading').waitFor();
  assert.match(await page.getByTestId('next-contact').textContent(), /次回連絡の期限は/);
  await openAll();
  await page.getByLabel('電話').check();
  await page.locator('#field-contactminutes').fill('15');
  await page.locator('#field-contactwith').fill('本人');
  await page.locator('#field-contactsummary').fill('食事の状況を確認した。');
  await page.locator('button[type="submit"]', { hasText: '連絡を保存' }).click();
  await page.getByTestId('contact').filter({ hasText: '電話・15分・相手：本人' }).waitFor();
  await openAll();
  await openAll();
  await page.getByLabel(/^SOAP/).check();
  await page.locator('#field-notesubjective').fill('よく眠れるようになったと話す。');
  await page.locator('#field-noteobjective').fill('表情は穏やか。');
  await page.locator('#field-noteassessment').fill('気分は改善している。');
  await page.locator('#field-noteplan').fill('週1回の電話を続ける。');
  await page.locator('#field-noteauthor').fill('佐藤');
  await page.locator('button[type="submit"]', { hasText: '署名して保存' }).click();
  await page.getByTestId('note').filter({ hasText: 'よく眠れるようになった' }).waitFor();
  await openAll();
  await page.locator('#field-contacttime').fill('');
  await page.locator('button[type="submit"]', { hasText: '連絡を保存' }).click();
  await page.locator('#field-contactmode-error').filter({ hasText: /./ }).waitFor();
  await page.locator('button[type="submit"]', { hasText: '署名して保存' }).click();
  await page.locator('#field-noteformat-error').filter({ hasText: /./ }).waitFor();
  await page.getByRole('button', { name: '追記する' }).click();
  await page.locator('#field-addendumtext').waitFor();
  assert.deepEqual(await latinWords(), []);
  await axe('follow-up in Japanese');
  await fitsEveryWidth('follow-up in Japanese');
  await screenshot('follow-up');

  // Transitions: a discharge home recorded in Japanese, then the form refused with its errors.
  await page.goto(server.url + caseUrl + '/transitions');
  await page.locator('#transitions-heading').waitFor();
  await openAll();
  await page.locator('#field-transitionfrom').selectOption({ label: '病院' });
  await page.locator('#field-transitionto').selectOption({ label: '自宅（在宅サービスあり）' });
  // At midnight today: the contact logged above falls inside its 72 hours.
  await page.locator('#field-transitiontime').fill('00:00');
  await page.locator('button[type="submit"]', { hasText: '移行を記録する' }).click();
  await page.getByTestId('transition').filter({ hasText: '病院から自宅（在宅サービスあり）へ' }).waitFor();
  assert.match(await page.getByTestId('post-contact').textContent(), /^72時間以内の連絡：済（.*）。$/);
  await openAll();
  await page.locator('button[type="submit"]', { hasText: '移行を記録する' }).click();
  await page.locator('#field-transitionfrom-error').filter({ hasText: /./ }).waitFor();
  await page.getByRole('button', { name: '服薬を照合' }).click();
  await page.locator('button[type="submit"]', { hasText: '照合を確定' }).click();
  await page.locator('#field-reconciledby-error').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await latinWords(), []);
  await axe('transitions in Japanese');
  await fitsEveryWidth('transitions in Japanese');
  await screenshot('transitions');

  // Evaluation and closure: the closure refused with its errors.
  await page.goto(server.url + caseUrl + '/evaluation');
  await page.locator('#evaluation-heading').waitFor();
  await page.locator('#close-form button[type="submit"]').click();
  await page.locator('#field-closurecode-error').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await latinWords(), []);
  await axe('evaluation in Japanese');
  await fitsEveryWidth('evaluation in Japanese');
  await screenshot('evaluation');

  await page.goto(server.url + '/staff');
  await page.locator('#staff-heading').waitFor();
  await page.locator('#add-staff summary').click();
  await page.locator('#add-staff button[type="submit"]').click();
  await page.locator('#field-staffname-error').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await latinWords(), []);
  await axe('staff in Japanese');
  await fitsEveryWidth('staff in Japanese');

  await page.goto(server.url + caseUrl + '/history');
  await page.locator('ul.history').waitFor();
  assert.deepEqual(await latinWords(), []);
  await axe('history in Japanese');
  await fitsEveryWidth('history in Japanese');
  await page.goto(server.url + caseUrl);
  await page.locator('#case-heading').waitFor();
});

test('the first start, the unlock screen and the users page in Japanese say everything in Japanese and pass axe-core', async () => {
  const fresh = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 768, height: 1024 } })).newPage();
  const words = () => fresh.evaluate(() => [...document.body.innerText.matchAll(/[A-Za-z][A-Za-z.]*/g)].map((m) => m[0])
    .filter((w) => !/^(English|https|KB|MB|GB|TB|B)$/.test(w)));
  await fresh.rawGoto(server.url + '/');
  await fresh.locator('#setup-heading').waitFor();
  await fresh.locator('#setup-heading ~ form button[type=submit]').click();
  await fresh.locator('#field-security-passphrase-error').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await words(), []);
  await checkPage(fresh, 'the first start in Japanese');
  await fresh.locator('#field-security-username').fill('佐藤 看護師');
  await fresh.locator('#field-security-passphrase').fill('さくらの花が咲く春の日に');
  await fresh.locator('#field-security-passphraseagain').fill('さくらの花が咲く春の日に');
  assert.match(await fresh.getByTestId('strength').textContent(), /^強度：強い（12文字）$/);
  await fresh.locator('#setup-heading ~ form button[type=submit]').click();
  await fresh.getByTestId('recovery-key').waitFor();
  await checkPage(fresh, 'the recovery key in Japanese');
  await fresh.locator('#recovery-stored').check();
  await fresh.locator('#recovery-continue').click();
  await fresh.locator('nav.app-nav').waitFor();
  await fresh.locator('#lock-now').click();
  await fresh.locator('#field-security-passphrase').fill('まちがい まちがい まちがい');
  await fresh.locator('#unlock-heading ~ form button[type=submit]').click();
  await fresh.getByTestId('unlock-refused').waitFor();
  assert.deepEqual(await words(), []);
  await checkPage(fresh, 'the unlock screen in Japanese');
  await fresh.locator('#field-security-passphrase').fill('さくらの花が咲く春の日に');
  await fresh.locator('#unlock-heading ~ form button[type=submit]').click();
  await fresh.locator('nav.app-nav').waitFor();
  await fresh.locator('nav.app-nav a[href="/users"]').click();
  await fresh.locator('#users-heading').waitFor();
  for (const form of await fresh.locator('#users-heading ~ form').all()) await form.locator('button[type=submit]').click();
  await fresh.locator('#field-security-newusername-error').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await words(), []);
  await checkPage(fresh, 'the users page in Japanese');
  await fresh.context().close();
});

test('switching language keeps what a form holds; leaving the form drops it', async () => {
  const caseUrl = new URL(page.url()).pathname;
  await page.goto(server.url + '/clients/new');
  // The errors of a refused save cross the switch too, in the new language.
  await page.locator('#field-givenreading').fill('minoru');
  await page.locator('button[type="submit"]').click();
  await page.locator('#field-familyname-error').waitFor();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('heading', { name: 'Register a client' }).waitFor();
  assert.equal(await page.locator('#field-familyname-error').textContent(), 'This field is required.');
  assert.match(await page.locator('#field-givenreading-error').textContent(), /hiragana or katakana/);
  await page.getByRole('button', { name: '日本語', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'ja');
  await page.locator('#field-familyname').fill('佐々木');
  await page.locator('#field-givenreading').fill('みのる');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('heading', { name: 'Register a client' }).waitFor();
  assert.equal(await page.locator('#field-familyname').inputValue(), '佐々木');
  assert.equal(await page.locator('#field-givenreading').inputValue(), 'みのる');
  await page.getByRole('button', { name: '日本語', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'ja');
  await page.locator('#field-dateofbirthera').waitFor();
  assert.equal(await page.locator('#field-familyname').inputValue(), '佐々木');
  // Leaving by a link and coming back starts a new form.
  await page.locator('nav.app-nav a').first().click();
  await page.locator('table.caseload').waitFor();
  await page.goBack();
  await page.locator('#field-familyname').waitFor();
  assert.equal(await page.locator('#field-familyname').inputValue(), '');

  // Answers given so far on an instrument cross the switch too.
  await page.goto(server.url + caseUrl + '/instruments/gad7');
  await page.locator('fieldset.item').first().locator('input[type="radio"]').nth(2).check();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('button', { name: 'Save result' }).waitFor();
  assert.equal(await page.locator('fieldset.item').first().locator('input[type="radio"]').nth(2).isChecked(), true);
  await page.getByRole('button', { name: '日本語', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'ja');
  await page.goto(server.url + caseUrl);
  await page.locator('#case-heading').waitFor();
});

test('the same pages in English, for comparison', async () => {
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('heading', { name: /Case for/ }).waitFor();
  await screenshot('case');
  // The result given in Japanese still says so in English.
  assert.match(await page.locator('ul.results li').first().textContent(), /own translation/);
  await page.locator('tr[data-instrument="phq9"] a').click();
  await page.getByRole('button', { name: 'Save result' }).waitFor();
  assert.equal(await page.getByTestId('unvalidated-translation').count(), 0, 'English is the validated wording');
  assert.ok((await formHeight()) <= 1200, `the PHQ-9 is ${await formHeight()}px tall at 768px wide`);
  await screenshot('phq9');
  await page.goto(server.url + '/');
  await page.locator('table.caseload').waitFor();
  await screenshot('caseload');
  assert.deepEqual(errors, []);
});
