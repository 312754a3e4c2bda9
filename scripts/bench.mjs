// Measures the release build in dist/: asset sizes, cold load to first interactive render, and how long the
// caseload takes to read 1,000 and 10,000 clients compared with a plain JavaScript getAll on the same store.
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { DIST, launchChromium, serveDist } from '../tests/e2e/support.mjs';

const RUNS = 5;

// Size budgets (bytes). The product with every feature of the open issues must fit in the first. Each issue after
// the core one (#7, closed at 933,831 B raw and 378,165 B gzip) adds at most 100 KB gzip: the second is the build at
// the last issue closed plus 100 KB. When an issue is resolved, its figures become LAST_CLOSED.
const LAST_CLOSED = { issue: 8, raw: 1_006_044, gzip: 408_736 };
const BUDGET = {
  product: { raw: 1_600_000, gzip: 600_000 },
  next_issue: { raw: Infinity, gzip: LAST_CLOSED.gzip + 100_000 },
};

// The twenty largest items of the optimised-but-named wasm (cargo's output before wasm-bindgen and wasm-opt,
// which keeps function names), so growth can be traced to code.
function twiggyTop() {
  try {
    const out = execFileSync('twiggy', ['top', '-n', '20', 'target/wasm32-unknown-unknown/release/care_planner.wasm'], { encoding: 'utf8' });
    return out.trimEnd().split('\n');
  } catch (e) {
    return [`twiggy unavailable: ${e.message.split('\n')[0]}`];
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function sizes() {
  const out = {};
  for (const name of await readdir(DIST)) {
    const ext = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.js') ? 'js' : null;
    if (!ext) continue;
    const bytes = await readFile(join(DIST, name));
    out[ext] = { file: name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return out;
}

// From navigation start to the caseload's first interactive render (the search box is there and enabled).
async function coldLoad(browser, url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url + '/', { waitUntil: 'commit' });
    await page.getByText('No clients yet', { exact: false }).waitFor();
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return { runs: times.map((t) => round(t)), median_ms: round(median(times)) };
}

// Writes `count` clients (and an open case for every second one) in the app's record format (see storage/records.rs).
function seed(count) {
  return new Promise((ok, fail) => {
    const open = indexedDB.open('care-planner');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['clients', 'cases'], 'readwrite');
      const clients = tx.objectStore('clients');
      const cases = tx.objectStore('cases');
      const now = '2026-11-23T09:00:00.000Z';
      const hex = (n) => n.toString(16).padStart(12, '0');
      for (let i = 0; i < count; i++) {
        const id = `00000000-0000-4000-8000-${hex(i)}`;
        const client = {
          id,
          details: {
            full_name: `Client ${String(i).padStart(6, '0')} Bench`, preferred_name: i % 3 ? null : `Pat ${i}`,
            date_of_birth: '1950-06-01', gender: 'female', preferred_language: 'English', phone: '+81 90-1234-5678',
            email: `c${i}@example.org`, address: '1-2-3 Chiyoda, Tokyo',
            support_contact: { name: 'Support Person', relation: 'daughter', phone: '03-1234-5678' },
            consent: { given: true, date: '2026-11-01', recorded_by: 'Bench' },
          },
          created_at: now, updated_at: now,
        };
        clients.put({ id, updated_at: now, body: JSON.stringify(client) });
        if (i % 2 === 0) {
          const caseId = `00000000-0000-4000-9000-${hex(i)}`;
          const kase = {
            id: caseId, client_id: id,
            details: { specialty: 'nursing', model: 'clinical', case_manager: 'Bench', opened_on: '2026-11-01', referral_source: null, referral_reason: 'Benchmark' },
            status: 'open', phase: 'planning', history: [{ at: now, from: null, to: 'screening' }], created_at: now, updated_at: now,
          };
          cases.put({ id: caseId, client_id: id, status: 'open', phase: 'planning', opened_on: '2026-11-01', updated_at: now, body: JSON.stringify(kase) });
        }
      }
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  });
}

// The same read in plain JavaScript: getAll on the clients store (and the open cases through the same index).
function plainGetAll() {
  return new Promise((ok, fail) => {
    const open = indexedDB.open('care-planner');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const t0 = performance.now();
      const tx = db.transaction(['clients', 'cases']);
      const clients = tx.objectStore('clients').getAll();
      clients.onsuccess = () => {
        const t1 = performance.now();
        const cases = tx.objectStore('cases').index('by_status').getAll('open');
        cases.onsuccess = () => {
          const t2 = performance.now();
          db.close();
          ok({ clients_ms: t1 - t0, clients_and_cases_ms: t2 - t0, count: clients.result.length });
        };
      };
      tx.onerror = () => fail(tx.error);
    };
  });
}

async function listing(browser, url, count) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url + '/');
  await page.getByText('No clients yet', { exact: false }).waitFor();
  await page.evaluate(seed, count);
  const app = [];
  const rendered = [];
  const js = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload({ waitUntil: 'commit' });
    await page.getByText(`of ${count} clients`, { exact: false }).waitFor({ timeout: 120_000 });
    const figures = await page.evaluate(() => ({
      read: performance.getEntriesByName('storage:caseload').at(-1)?.duration,
      now: performance.now(),
    }));
    app.push(figures.read);
    rendered.push(figures.now);
    js.push(await page.evaluate(plainGetAll));
  }
  await context.close();
  const jsClients = median(js.map((j) => j.clients_ms));
  const jsBoth = median(js.map((j) => j.clients_and_cases_ms));
  const appRead = median(app);
  return {
    clients: count,
    app_read_and_decode_ms: round(appRead),
    page_load_to_list_rendered_ms: round(median(rendered)),
    js_getAll_clients_ms: round(jsClients),
    js_getAll_clients_and_open_cases_ms: round(jsBoth),
    ratio_app_to_js_clients: round(appRead / jsClients, 2),
    ratio_app_to_js_same_reads: round(appRead / jsBoth, 2),
  };
}

const server = await serveDist();
const browser = await launchChromium();
try {
  const chromiumVersion = browser.version();
  const results = {
    date: new Date().toISOString(),
    chromium: chromiumVersion,
    sizes: await sizes(),
    size_budgets: BUDGET,
    twiggy_top_20: twiggyTop(),
    cold_load_to_interactive: await coldLoad(browser, server.url),
    caseload_1000: await listing(browser, server.url, 1000),
    caseload_10000: await listing(browser, server.url, 10000),
  };
  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/latest.json', JSON.stringify(results, null, 2) + '\n');
  const s = results.sizes;
  console.log(`Chromium ${chromiumVersion}`);
  console.log(`wasm: ${s.wasm.raw} B raw, ${s.wasm.gzip} B gzip (${s.wasm.file})`);
  for (const [name, b] of Object.entries(BUDGET)) {
    const ok = s.wasm.raw <= b.raw && s.wasm.gzip <= b.gzip;
    const raw = Number.isFinite(b.raw) ? `${b.raw} B raw, ` : '';
    console.log(`  budget ${name}: ${raw}${b.gzip} B gzip -> ${ok ? 'within' : 'OVER'}`);
  }
  const sign = (n) => (n >= 0 ? `+${n}` : `${n}`);
  console.log(`  since issue ${LAST_CLOSED.issue} closed: ${sign(s.wasm.raw - LAST_CLOSED.raw)} B raw, ${sign(s.wasm.gzip - LAST_CLOSED.gzip)} B gzip`);
  console.log('twiggy top 20 (named, pre-wasm-opt):');
  for (const line of results.twiggy_top_20) console.log('  ' + line);
  console.log(`js:   ${s.js.raw} B raw, ${s.js.gzip} B gzip (${s.js.file})`);
  console.log(`cold load to interactive caseload: median ${results.cold_load_to_interactive.median_ms} ms of ${RUNS} (${results.cold_load_to_interactive.runs.join(', ')})`);
  for (const r of [results.caseload_1000, results.caseload_10000]) {
    console.log(
      `${r.clients} clients: app read+decode ${r.app_read_and_decode_ms} ms; list rendered ${r.page_load_to_list_rendered_ms} ms after navigation; ` +
      `JS getAll clients ${r.js_getAll_clients_ms} ms (ratio ${r.ratio_app_to_js_clients}); ` +
      `JS getAll clients+open cases ${r.js_getAll_clients_and_open_cases_ms} ms (ratio ${r.ratio_app_to_js_same_reads})`,
    );
  }
  console.log('written to bench-results/latest.json');
} finally {
  await browser.close();
  await server.close();
}
