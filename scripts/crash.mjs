// Crash harness (run by scripts/bench.sh, not by every test run): kills the browser process with SIGKILL at a
// random moment while a case manager is saving clients, again and again on one browser profile, and after each
// kill reopens the profile and checks that every client the app reported saved is there and readable, that no
// record is half-written (none unreadable, the audit trail intact with its chain's head counting every entry),
// and that the database holds at most the one save that was in flight when the browser died.
//
//   node scripts/crash.mjs [runs]        (default 100; CRASH_SEED sets the seed)
//
// Chromium is started by hand (not by Playwright) so that its process can be killed as a crash would end it (a
// SIGKILL; the operating system's page cache survives it, so this is a browser crash, not a power cut), and
// Playwright attaches to it over the DevTools protocol. The kill comes 0 to 25 ms after a click on Save, so it lands
// while the write is under way (or just before or after it). Prints its counts and writes them to
// bench-results/crash.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, passGate, serveDist } from '../tests/e2e/support.mjs';

const RUNS = Number(process.argv[2] ?? 100);
let seed = Number(process.env.CRASH_SEED ?? 20261125);
// A small seeded generator (mulberry32): the same moments on every machine for a given seed.
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const until = async (check, what, ms = 20_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
};

// Starts Chromium on `profile` and attaches Playwright to it.
async function launch(profile) {
  const portFile = join(profile, 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const child = spawn(
    process.env.CHROMIUM ?? '/usr/bin/chromium',
    ['--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', ...CHROMIUM_FLAGS, 'about:blank'],
    { stdio: 'ignore' },
  );
  const port = await until(
    () => existsSync(portFile) && readFileSync(portFile, 'utf8').split('\n')[0].trim(),
    'Chromium to listen',
  );
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  return { child, browser, page };
}

// The IndexedDB counts the harness checks: clients, audit entries, and the chain head's count.
const counts = (page) =>
  page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('care-planner');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['clients', 'audit', 'meta']);
          const out = {};
          tx.objectStore('clients').count().onsuccess = (e) => (out.clients = e.target.result);
          tx.objectStore('audit').count().onsuccess = (e) => (out.audit = e.target.result);
          tx.objectStore('meta').get('audit-head').onsuccess = (e) => (out.head = e.target.result?.entries ?? 0);
          tx.oncomplete = () => {
            db.close();
            ok(out);
          };
        };
      }),
  );

async function verify(page, base, reported, names) {
  const problems = [];
  await page.goto(base + '/');
  await passGate(page);
  const c = await counts(page);
  if (c.clients < reported.size || c.clients > reported.size + 1) {
    problems.push(`${c.clients} clients stored, ${reported.size} reported saved`);
  }
  if (c.audit !== c.head) problems.push(`${c.audit} audit entries, the chain's head counts ${c.head}`);
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  if ((await page.getByText('could not be read', { exact: false }).count()) > 0) problems.push('unreadable records');
  for (const name of names) {
    await page.getByLabel('Search clients by name').fill(name);
    const found = await page
      .getByRole('link', { name, exact: true })
      .waitFor({ timeout: 5_000 })
      .then(() => true, () => false);
    if (!found) problems.push(`${name} reported saved, not found`);
  }
  await page.goto(base + '/audit');
  await passGate(page);
  await page.getByRole('button', { name: 'Verify audit trail' }).click();
  const verdict = await page.getByText(/^(Intact|Not intact)/).first().textContent();
  if (!verdict.startsWith('Intact')) problems.push(`audit trail: ${verdict}`);
  return { problems, stored: c.clients };
}

const server = await serveDist();
const profile = mkdtempSync(join(tmpdir(), 'care-planner-crash-'));
const reported = new Set();
// CRASH_SELF_CHECK=1: a client that was never saved is counted as reported, so the harness must fail (a check
// that its checks can fail).
if (process.env.CRASH_SELF_CHECK) reported.add('Never Saved');
const totals = { runs: 0, kills: 0, reportedSaved: 0, inFlightKept: 0, inFlightLost: 0, failures: [] };
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const started = Date.now();
try {
  // The first start, on a profile the harness then keeps killing.
  {
    const { child, browser, page } = await launch(profile);
    await page.goto(server.url + '/');
    await passGate(page);
    await browser.close().catch(() => {});
    child.kill('SIGKILL');
    await until(() => child.exitCode !== null || child.signalCode !== null, 'Chromium to end');
  }
  for (let run = 1; run <= RUNS; run++) {
    const { child, browser, page } = await launch(profile);
    const before = reported.size;
    const thisRun = [];
    const check = await verify(page, server.url, reported, [...reported].slice(-8));
    if (check.problems.length) totals.failures.push({ run, when: 'after restart', problems: check.problems });
    await page.goto(server.url + '/');
    await passGate(page);
    // Saves, and on the save chosen for this run (the first to the fifth), the kill 0 to 25 ms after its click.
    const fatal = Math.floor(random() * 5);
    const delay = random() * 25;
    let alive = true;
    let saveError = null;
    for (let k = 0; alive; k++) {
      const name = `Crash ${run}-${k}`;
      try {
        // As a user goes, inside the open app (a reload would ask for the passphrase again).
        await page.getByRole('link', { name: 'Caseload' }).click();
        await page.getByRole('link', { name: 'Register a client' }).click();
        await page.getByLabel('Full name').fill(name);
        await page.getByRole('button', { name: 'Save client' }).click();
        if (k === fatal) {
          await sleep(delay);
          alive = false;
          child.kill('SIGKILL');
          totals.kills++;
          break;
        }
        await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
        // The app showed the saved client: the save is reported.
        reported.add(name);
        thisRun.push(name);
      } catch (e) {
        saveError = e;
        break;
      }
    }
    if (saveError) totals.failures.push({ run, when: 'saving', problems: [String(saveError.message).split('\n')[0]] });
    await browser.close().catch(() => {});
    await until(() => child.exitCode !== null || child.signalCode !== null, 'Chromium to die');
    totals.runs++;
    totals.reportedSaved += reported.size - before;
    // Reopen and check this run's saves, and whether the one in flight made it.
    const again = await launch(profile);
    const after = await verify(again.page, server.url, reported, thisRun);
    if (after.problems.length) totals.failures.push({ run, when: 'after the kill', problems: after.problems });
    if (after.stored > reported.size) {
      totals.inFlightKept++;
      // Counted as saved from now on: it is there, so later checks expect it.
      reported.add(`Crash ${run}-${thisRun.length}`);
    } else {
      totals.inFlightLost++;
    }
    await again.browser.close().catch(() => {});
    again.child.kill('SIGKILL');
    await until(() => again.child.exitCode !== null || again.child.signalCode !== null, 'Chromium to end');
    process.stdout.write(`run ${run}/${RUNS}: ${reported.size} saved so far, ${totals.failures.length} failures\r`);
  }
} finally {
  await server.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
totals.seconds = Math.round((Date.now() - started) / 1000);
// A harness whose saves never got through proves nothing.
if (totals.reportedSaved === 0) totals.failures.push({ run: 0, when: 'overall', problems: ['no save was ever reported'] });
console.log(`\ncrash harness: ${totals.runs} runs, ${totals.kills} SIGKILLs mid-save, ${totals.reportedSaved} saves reported`);
console.log(`  the save in flight at the kill: kept ${totals.inFlightKept} times, lost (never reported) ${totals.inFlightLost} times`);
console.log(`  reported saves missing or unreadable, half-written records, broken audit chains: ${totals.failures.length}`);
for (const f of totals.failures.slice(0, 10)) console.log(`  run ${f.run} (${f.when}): ${f.problems.join('; ')}`);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/crash.json', JSON.stringify(totals, null, 2));
if (totals.failures.length) process.exit(1);
