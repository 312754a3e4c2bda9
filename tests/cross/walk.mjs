// The end-to-end walk in other engines than Chromium: Firefox ESR (through geckodriver) and WebKitGTK, Safari's
// engine (WebKitWebDriver driving Debian's MiniBrowser), both over W3C WebDriver with npm selenium-webdriver.
// The same walk as a user clicks it: the first start, a client registered (a Japanese name), a case opened, a
// PHQ-9 recorded, a need added to the plan, then a reload, the unlock, and everything checked again.
//
//   xvfb-run -a node tests/cross/walk.mjs            # both engines (WebKitGTK has no headless mode: it needs X)
//   node tests/cross/walk.mjs firefox                # one engine
//
// Nothing is downloaded: the drivers and browsers are the ones scripts/setup.sh installs, given by path, so
// selenium-manager never runs. GECKODRIVER, FIREFOX, WEBKITWEBDRIVER and MINIBROWSER override the paths.
// Every wait is on a condition of the page, never a fixed sleep. Prints PASS or FAIL per engine, and exits
// non-zero if any engine failed; on a failure it prints the page's URL, text and the errors it saw, and saves a
// screenshot in test-results/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { Builder, Browser, By } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import remote from 'selenium-webdriver/remote/index.js';
import portprober from 'selenium-webdriver/net/portprober.js';
import { PASSPHRASE, serveDist } from '../e2e/support.mjs';

const NAME = '佐藤 花子';
const NEED = '月末に食料が足りなくなる';
const RESULTS = resolve(new URL('../../test-results', import.meta.url).pathname);

// Generous for a 2-core machine under load: they are limits, not delays; every wait ends as soon as it holds.
const START = 90_000; // the first load of the wasm and the key derivation of the first start or the unlock
const STEP = 30_000;

// An executable on PATH, or null.
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, name);
    if (dir && existsSync(path)) return path;
  }
  return null;
}

// The MiniBrowser that Debian's WebKitGTK library package ships (not on PATH): `dpkg -S MiniBrowser` finds it.
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  const out = execFileSync('dpkg', ['-S', 'MiniBrowser'], { encoding: 'utf8' });
  const path = out
    .split('\n')
    .map((line) => line.split(': ')[1]?.trim())
    .find((p) => p?.endsWith('/MiniBrowser') && existsSync(p));
  if (!path) throw new Error(`no MiniBrowser in: ${out}`);
  return path;
}

// Firefox ESR, headless, through geckodriver; the real binary, not Debian's /usr/bin/firefox shell wrapper.
async function startFirefox() {
  const driverPath = process.env.GECKODRIVER ?? onPath('geckodriver');
  if (!driverPath) throw new Error('geckodriver is not on PATH (scripts/setup.sh installs it with cargo)');
  const binary = process.env.FIREFOX ?? '/usr/lib/firefox-esr/firefox-esr';
  const options = new firefox.Options().setBinary(binary).addArguments('-headless');
  const driver = await new Builder()
    .disableEnvironmentOverrides()
    .forBrowser(Browser.FIREFOX)
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(driverPath))
    .build();
  const caps = await driver.getCapabilities();
  return { driver, version: `Firefox ${caps.get('browserVersion')}, ${driverPath}` };
}

// WebKitGTK: WebKitWebDriver started on a free loopback port, driving MiniBrowser in automation mode. It has no
// headless mode, so it needs a display (xvfb-run).
async function startWebKit() {
  if (!process.env.DISPLAY) throw new Error('WebKitGTK needs an X display: run the walk under `xvfb-run -a`');
  const driverPath = process.env.WEBKITWEBDRIVER ?? onPath('WebKitWebDriver');
  if (!driverPath) throw new Error('WebKitWebDriver is not on PATH (Debian webkit2gtk-driver)');
  const port = await portprober.findFreePort('127.0.0.1');
  const service = new remote.DriverService(driverPath, {
    port,
    loopback: true,
    hostname: '127.0.0.1',
    args: [`--port=${port}`, '--host=local'],
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = await service.start(START);
  let driver;
  try {
    driver = await new Builder()
      .disableEnvironmentOverrides()
      .usingServer(url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] },
      })
      .build();
  } catch (e) {
    await service.kill();
    throw e;
  }
  const quit = driver.quit.bind(driver);
  driver.quit = async () => {
    try {
      await quit();
    } finally {
      await service.kill();
    }
  };
  const caps = await driver.getCapabilities();
  return { driver, version: `${caps.get('browserName')} ${caps.get('browserVersion')} (WebKitGTK), ${driverPath}` };
}

const ENGINES = { firefox: startFirefox, webkit: startWebKit };

// --- In-page look-ups, as a user finds things: by the words on the screen. -----------------------------------

// The form control a <label> names (its own words, without the "(optional)" hint), within `scope` or the page.
const LABELLED = `
  const [text, scope] = arguments;
  for (const label of (scope || document).querySelectorAll('label')) {
    const own = [...label.childNodes]
      .filter((n) => !(n.nodeType === 1 && n.classList.contains('hint')))
      .map((n) => n.textContent).join('').trim();
    if (own === text) return label.htmlFor ? document.getElementById(label.htmlFor) : label.querySelector('input, select, textarea');
  }
  return null;`;

// A <details> disclosure by the words of its summary.
const DISCLOSURE = `
  for (const d of document.querySelectorAll('details')) {
    const s = d.querySelector('summary');
    if (s && s.textContent.trim() === arguments[0]) return d;
  }
  return null;`;

// Catches the page's errors from now on (a page load starts afresh), for the report of a failure.
const CATCH_ERRORS = `
  if (!window.__walkErrors) {
    const seen = (window.__walkErrors = []);
    addEventListener('error', (e) => seen.push('error: ' + (e.message || e.type) + (e.filename ? ' at ' + e.filename + ':' + e.lineno : '')));
    document.addEventListener('securitypolicyviolation', (e) => seen.push('Content-Security-Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));
    addEventListener('unhandledrejection', (e) => seen.push('unhandled rejection: ' + String(e.reason && (e.reason.stack || e.reason))));
    const error = console.error.bind(console);
    console.error = (...args) => { seen.push('console.error: ' + args.map(String).join(' ')); error(...args); };
  }`;

const literal = (text) => (text.includes("'") ? `"${text}"` : `'${text}'`);

class Walk {
  constructor(driver) {
    this.driver = driver;
  }

  // Waits until `condition` gives a truthy value and returns it. Fails at once if the app shows its panic screen
  // or a storage error, with what it says.
  async until(what, condition, timeout = STEP) {
    return this.driver.wait(
      async () => {
        const broken = await this.driver.findElements(By.css('.panic-screen, .banner-error'));
        if (broken.length > 0) throw new Error(`while waiting for ${what}, the app showed: ${await broken[0].getText()}`);
        try {
          return await condition();
        } catch (e) {
          // The page redrew under the look-up: look again.
          if (e.name === 'StaleElementReferenceError' || e.name === 'NoSuchElementError') return null;
          throw e;
        }
      },
      timeout,
      `timed out waiting for ${what}`,
      100,
    );
  }

  // The first displayed element matching `locator` (a redrawn page may keep a hidden copy for a moment).
  async shown(what, locator, scope, timeout) {
    return this.until(
      what,
      async () => {
        for (const e of await (scope ?? this.driver).findElements(locator)) if (await e.isDisplayed()) return e;
        return null;
      },
      timeout,
    );
  }

  field(text, scope) {
    return this.until(`the field "${text}"`, () => this.driver.executeScript(LABELLED, text, scope ?? null));
  }

  button(text, scope) {
    return this.shown(`the button "${text}"`, By.xpath(`.//button[normalize-space()=${literal(text)}]`), scope);
  }

  link(text, scope) {
    return this.shown(`the link "${text}"`, By.xpath(`.//a[normalize-space()=${literal(text)}]`), scope);
  }

  heading(text, timeout) {
    return this.shown(`the heading "${text}"`, By.xpath(`//h1[normalize-space()=${literal(text)}]`), undefined, timeout);
  }

  // Clicks as a user does: with the element scrolled to the middle of the window first, not under the sticky
  // bar at the bottom of a long form (where WebDriver's own scrolling leaves it in Firefox).
  async click(element) {
    await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center", inline: "nearest" })', element);
    await element.click();
  }

  async type(element, text) {
    await element.clear();
    await element.sendKeys(text);
    const value = await element.getAttribute('value');
    if (value !== text) throw new Error(`typed "${text}" but the field holds "${value}"`);
  }

  async fill(label, text, scope) {
    await this.type(await this.field(label, scope), text);
  }

  async choose(label, option, scope) {
    const select = await this.field(label, scope);
    await select.findElement(By.xpath(`./option[normalize-space()=${literal(option)}]`)).click();
    await this.until(`"${option}" chosen in "${label}"`, () =>
      this.driver.executeScript('return arguments[0].selectedOptions[0]?.textContent.trim() === arguments[1]', select, option),
    );
  }

  async textOf(what, css) {
    return (await this.shown(what, By.css(css))).getText();
  }

  // Waits for the text of `css` to match `pattern`, returning it.
  async textMatching(what, css, pattern) {
    let last = '';
    try {
      return await this.until(what, async () => {
        const found = await this.driver.findElements(By.css(css));
        last = found.length > 0 ? await found[0].getText() : '(not there)';
        return pattern.test(last) ? last : null;
      });
    } catch (e) {
      e.message += `; last seen: ${JSON.stringify(last)}`;
      throw e;
    }
  }

  catchErrors() {
    return this.driver.executeScript(CATCH_ERRORS);
  }

  // Fails if the page reported an error since it was loaded (and `catchErrors` called).
  async noErrors(when) {
    const errors = await this.driver.executeScript('return window.__walkErrors || null');
    if (errors === null) throw new Error(`${when}: the page's errors were not being caught`);
    if (errors.length > 0) throw new Error(`${when}, the page reported:\n  ${errors.join('\n  ')}`);
  }
}

// The walk itself. `log` records each step with the seconds since the start.
async function walk(driver, base, log) {
  const w = new Walk(driver);

  // The first start: the first user and the passphrase, then the recovery key stored away.
  await driver.get(base + '/');
  await w.shown('the first start', By.id('setup-heading'), undefined, START);
  await w.catchErrors();
  await w.type(await w.shown('the name field', By.id('field-security-username')), 'N. Sato');
  await w.type(await w.shown('the passphrase field', By.id('field-security-passphrase')), PASSPHRASE);
  await w.type(await w.shown('the passphrase again', By.id('field-security-passphraseagain')), PASSPHRASE);
  await w.click(await w.shown('the first start button', By.css('#setup-heading ~ form button[type=submit]')));
  const stored = await w.shown('the recovery key', By.id('recovery-stored'), undefined, START);
  if (!(await stored.isSelected())) await w.click(stored);
  await w.until('the recovery key ticked as stored', () => stored.isSelected());
  await w.click(await w.shown('the continue button', By.id('recovery-continue')));
  await w.shown('the app', By.css('nav.app-nav'), undefined, START);
  log('first start');

  // A client, with a Japanese name.
  await w.click(await w.link('Register a client'));
  await w.fill('Full name', NAME);
  await w.click(await w.button('Save client'));
  await w.heading(NAME);
  log('client registered');

  // A case.
  await w.click(await w.link('Open a case'));
  await w.choose('Specialty', 'Social work');
  await w.choose('Case management model', 'Intensive');
  await w.fill('Assigned case manager', 'N. Sato');
  await w.fill('Reason for referral', '退院後の生活に不安がある');
  await w.click(await w.button('Open case'));
  await w.heading(`Case for ${NAME}`);
  log('case opened');

  // A PHQ-9: "Several days" for items 1 to 8, "Not at all" for item 9 (no safety alert), so 8 (mild).
  await w.click(await w.shown('the PHQ-9 row', By.css('tr[data-instrument="phq9"] a')));
  await w.button('Save result');
  for (let n = 1; n <= 9; n++) {
    const answer = n <= 8 ? 'Several days' : 'Not at all';
    // The item's group: the fieldset whose legend starts with its number.
    const item = await w.shown(`PHQ-9 item ${n}`, By.xpath(`//fieldset[starts-with(normalize-space(legend), '${n}. ')]`));
    const choice = await item.findElement(By.xpath(`.//label[normalize-space()=${literal(answer)}]`));
    await w.click(choice);
    const radio = await choice.findElement(By.css('input'));
    await w.until(`item ${n} answered "${answer}"`, () => radio.isSelected());
  }
  await w.textMatching('the score preview', '[data-testid="score-preview"]', /^Score: 8 \(mild\) · PHQ-2 2 \(below 3: negative\)$/);
  await w.click(await w.button('Save result'));
  await w.heading(`Case for ${NAME}`);
  await w.textMatching('the PHQ-9 result on the case', 'tr[data-instrument="phq9"] .latest', /^8 \(mild\)/);
  log('PHQ-9 recorded');

  // A need in the care plan, in Japanese.
  const sections = await w.shown('the case sections', By.css('nav[aria-label="Case sections"]'));
  await w.click(await w.link('Care plan', sections));
  await w.heading(`Care plan — ${NAME}`);
  const form = await w.until('the "Add a need" form', () => driver.executeScript(DISCLOSURE, 'Add a need'));
  if (!(await driver.executeScript('return arguments[0].open', form))) {
    await w.click(await form.findElement(By.css('summary')));
  }
  await w.choose('Concern', 'Food insecurity', form);
  await w.fill('Description', NEED, form);
  await w.click(await w.button('Save the need', form));
  await w.textMatching('the need in the plan', 'ul.needs li', new RegExp(NEED));
  await w.noErrors('before the reload');
  log('need added');

  // A reload locks the app: the passphrase opens it again, on the same page.
  await driver.navigate().refresh();
  await w.shown('the unlock screen', By.id('unlock-heading'), undefined, START);
  await w.catchErrors();
  await w.type(await w.shown('the passphrase field', By.id('field-security-passphrase')), PASSPHRASE);
  await w.click(await w.shown('the unlock button', By.css('#unlock-heading ~ form button[type=submit]')));
  await w.shown('the app', By.css('nav.app-nav'), undefined, START);
  log('reloaded and unlocked');

  // Everything is still there: the need, the case and its PHQ-9 result, the client.
  await w.heading(`Care plan — ${NAME}`);
  await w.textMatching('the need after the reload', 'ul.needs li', new RegExp(`Food insecurity.*${NEED}`, 's'));
  const tabs = await w.shown('the case sections', By.css('nav[aria-label="Case sections"]'));
  await w.click(await w.link('Overview', tabs));
  await w.heading(`Case for ${NAME}`);
  await w.textMatching('the PHQ-9 result after the reload', 'tr[data-instrument="phq9"] .latest', /^8 \(mild\)/);
  const referral = await w.textOf('the case', 'main');
  if (!referral.includes('退院後の生活に不安がある')) throw new Error('the reason for referral is gone after the reload');
  await w.click(await w.link('Caseload', await w.shown('the app nav', By.css('nav.app-nav'))));
  await w.click(await w.link(NAME));
  await w.heading(NAME);
  await w.noErrors('after the reload');
  log('all still there');
}

// Runs the walk in one engine; returns whether it passed.
async function run(engine, base) {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  let driver;
  let step = 'starting the browser';
  try {
    const browser = await ENGINES[engine]();
    driver = browser.driver;
    console.log(`[${engine}] ${browser.version} (${seconds()} s)`);
    await walk(driver, base, (done) => {
      step = `after "${done}"`;
      console.log(`[${engine}]   ${done} (${seconds()} s)`);
    });
    console.log(`PASS ${engine} (${seconds()} s)`);
    return true;
  } catch (e) {
    console.log(`FAIL ${engine} (${seconds()} s), ${step}: ${e.message}`);
    if (driver) await report(engine, driver);
    return false;
  } finally {
    await driver?.quit().catch((e) => console.log(`[${engine}] closing the browser: ${e.message}`));
  }
}

// What the page showed when a walk failed.
async function report(engine, driver) {
  try {
    console.log(`[${engine}] at ${await driver.getCurrentUrl()}`);
    const text = await driver.executeScript('return document.body ? document.body.innerText : ""');
    console.log(`[${engine}] the page says: ${JSON.stringify(String(text).slice(0, 1500))}`);
    const errors = await driver.executeScript('return window.__walkErrors || []');
    console.log(`[${engine}] errors in the page: ${errors.length ? errors.join('\n  ') : 'none seen'}`);
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, `cross-${engine}.png`);
    writeFileSync(file, await driver.takeScreenshot(), 'base64');
    console.log(`[${engine}] screenshot: ${file}`);
  } catch (e) {
    console.log(`[${engine}] could not read the page: ${e.message}`);
  }
}

const asked = process.argv.slice(2);
const unknown = asked.filter((e) => !(e in ENGINES));
if (unknown.length > 0) {
  console.error(`unknown engine ${unknown.join(', ')}; known: ${Object.keys(ENGINES).join(', ')}`);
  process.exit(2);
}
const server = await serveDist();
const results = [];
try {
  for (const engine of asked.length > 0 ? asked : Object.keys(ENGINES)) results.push(await run(engine, server.url));
} finally {
  await server.close();
}
const passed = results.filter(Boolean).length;
console.log(`cross-browser: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
