// Browser test of the dashboard (web/): builds the seeds' database with `whipcount ingest`,
// starts `whipcount serve --port 0` on it, drives the page in headless Chromium through
// playwright-core, and checks what it shows against the CLI's --json answers on the same database.
//
//   node tests/web/dashboard.test.mjs [--whipcount BIN] [--out DIR] [--shared DIR]
//
// Exit 0: passed; 1: failed; 77: skipped (no ../shared/seeds). Saves DIR/dashboard.png; with
// WHIPCOUNT_UPDATE_SCREENSHOT=1 also copies it to docs/dashboard.png (the README's picture).
// Every process it starts (the server, the browser) is stopped on success, failure or timeout.
import {spawn, execFileSync} from 'node:child_process';
import {mkdtempSync, mkdirSync, rmSync, existsSync, copyFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const SKIP = 77;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = 200_000;  // below ctest's TIMEOUT, so the clean-up always runs

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const whipcount = path.resolve(option('--whipcount', path.join(REPO, 'build/src/cli/whipcount')));
const outDir = path.resolve(option('--out', path.join(REPO, 'build/tests/web')));
const shared = path.resolve(option('--shared', path.join(REPO, '../shared')));
const seeds = path.join(shared, 'seeds', 'seeds.jsonl');

let server = null;
let browser = null;
let work = null;
let passed = 0;

function check(condition, what, detail = '') {
  if (!condition) throw new Error(`FAILED: ${what}${detail ? `\n  ${detail}` : ''}`);
  passed++;
  console.log(`ok ${passed} - ${what}`);
}

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server && server.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  server = null;
  if (work) rmSync(work, {recursive: true, force: true});
  work = null;
}

// The server must not outlive this process, whatever ends it.
process.on('exit', () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    console.error(`dashboard test: ${signal}, stopping`);
    await cleanup();
    process.exit(1);
  });
}

// Runs whipcount; a failure throws with its command line and stderr.
function runWhipcount(args) {
  try {
    return execFileSync(whipcount, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
  } catch (err) {
    throw new Error(`whipcount ${args.join(' ')} failed (${err.status ?? err.signal}): ${String(err.stderr).trim()}`);
  }
}

function cli(...args) {
  return JSON.parse(runWhipcount([...args, '--json', '--db', path.join(work, 'seeds.db')]));
}

// Starts `whipcount serve --port 0` and resolves to its base URL, read from its first stdout line.
function startServer(db) {
  return new Promise((resolve, reject) => {
    server = spawn(whipcount, ['serve', '--db', db, '--port', '0', '--host', '127.0.0.1'],
                   {stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    // serve loads the extraction pipeline (models, knowledge base) first: slow on a busy machine.
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 60 s; stderr: ${err}`)), 60000);
    server.stdout.setEncoding('utf8');
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk) => { err += chunk; });
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    });
    server.once('error', (e) => { clearTimeout(timer); reject(e); });
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before listening; stderr: ${err.trim()}`));
    });
  });
}

// Waits until the page has rendered the address it is at (not the one before a hash change
// whose event is still pending) and no request is out; returns 'ready' or 'error'.
async function waitReady(page) {
  const state = await page.waitForFunction(() => {
    const body = document.body.dataset;
    const done = ['ready', 'error'].includes(body.state) && body.hash === location.hash &&
                 document.getElementById('busy').hidden;
    return done && body.state;
  });
  return state.jsonValue();
}

// What the page shows when it is not ready: its error box, for a failure message.
async function pageError(page) {
  return page.evaluate(() => `state ${document.body.dataset.state}, hash ${location.hash}: ` +
                             document.getElementById('error').textContent.trim());
}

async function run() {
  if (!existsSync(seeds)) {
    console.log(`dashboard test: SKIPPED: ${seeds} is absent (the seeds live in ../shared beside the repository)`);
    return SKIP;
  }
  if (!existsSync(whipcount)) throw new Error(`no whipcount binary at ${whipcount}; build it first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}; scripts/setup installs the Debian package chromium`);
  let chromium;
  try {
    ({chromium} = createRequire(path.join(HERE, 'package.json'))('playwright-core'));
  } catch {
    throw new Error('playwright-core is not installed; run: npm ci --prefix tests/web');
  }

  work = mkdtempSync(path.join(tmpdir(), 'whipcount-web-'));
  mkdirSync(outDir, {recursive: true});
  const db = path.join(work, 'seeds.db');
  runWhipcount(['ingest', seeds, '--db', db]);

  // What the page must show, from the CLI over the same database.
  const who = cli('who', 'Bernie Sanders', '--as-of', '2016-06-20');
  const backers = who.holders.map((h) => h.holder).sort();
  const timeline = cli('timeline', 'AFL-CIO');
  check(backers.length === 4, 'the CLI finds four holders backing Bernie Sanders on 2016-06-20', backers.join(', '));

  const base = await startServer(db);
  browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox']});
  const page = await browser.newPage({viewport: {width: 1366, height: 768}});
  page.setDefaultTimeout(15000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(`${base}/`);
  check(await waitReady(page) === 'ready', 'the dashboard loads', await pageError(page));

  // Standings: pick the target from the search box's suggestions, then the date.
  await page.click('#who-target');
  await page.keyboard.type('Bernie', {delay: 20});
  const suggestion = page.locator('.suggest li[data-name="Bernie Sanders"]');
  await suggestion.waitFor();
  await suggestion.click();
  await waitReady(page);
  await page.fill('#who-date', '2016-06-20');
  await page.waitForFunction(() => location.hash.includes('as_of=2016-06-20'));
  check(await waitReady(page) === 'ready', 'standings for Bernie Sanders as of 2016-06-20 load',
        await pageError(page));
  check(await page.evaluate(() => location.hash) === '#who=Bernie%20Sanders&as_of=2016-06-20',
        'the URL hash keeps the target and the date', await page.evaluate(() => location.hash));
  const shown = (await page.locator('#who-support li.item').evaluateAll(
    (items) => items.map((li) => li.dataset.holder))).sort();
  check(shown.length === 4, 'four supporters are listed', shown.join(', '));
  check(JSON.stringify(shown) === JSON.stringify(backers), 'the supporters are the ones the CLI gives',
        `page: ${shown.join(', ')}\n  cli:  ${backers.join(', ')}`);
  check((await page.textContent('#who-support-count')).trim() === '4', 'the supporters column counts 4');

  // Evidence of one supporter: the sentence and the article the CLI names.
  const first = who.holders.find((h) => h.holder === backers[0]);
  await page.click(`#who-support li.item[data-holder="${backers[0]}"] .name`);
  await page.locator('#evidence').waitFor({state: 'visible'});
  const sentences = await page.locator('#evidence .evidence-text').allTextContents();
  check(sentences.includes(first.sources[0].evidence), `clicking ${backers[0]} shows its evidence sentence`,
        sentences.join(' | '));
  check((await page.textContent('#evidence')).includes(first.sources[0].article), 'and its source article id');
  // The README's picture: the standings with one supporter's evidence open.
  await page.mouse.move(1, 760);
  const screenshot = path.join(outDir, 'dashboard.png');
  await page.screenshot({path: screenshot});
  console.log(`dashboard test: screenshot saved to ${screenshot}`);
  if (process.env.WHIPCOUNT_UPDATE_SCREENSHOT) {
    copyFileSync(screenshot, path.join(REPO, 'docs', 'dashboard.png'));
    console.log('dashboard test: copied to docs/dashboard.png');
  }
  await page.click('#evidence-close');

  // The AFL-CIO timeline: neutral in the race first, support for Hillary Clinton later.
  await page.click('nav a[data-view=timeline]');
  await waitReady(page);
  await page.fill('#tl-actor', 'AFL-CIO');
  await page.press('#tl-actor', 'Enter');
  await page.waitForFunction(() => location.hash.startsWith('#timeline=AFL-CIO'));
  check(await waitReady(page) === 'ready', 'the AFL-CIO timeline loads', await pageError(page));
  const key = (p) => `${p.holder}|${p.stance}|${p.target}|${p.from || ''}`;
  const rows = await page.locator('#tl-list tbody tr').evaluateAll(
    (trs) => trs.map((tr) => `${tr.dataset.holder}|${tr.dataset.stance}|${tr.dataset.target}|${tr.dataset.from}`));
  const bars = await page.locator('#tl-chart g.bar').evaluateAll(
    (gs) => gs.map((g) => `${g.dataset.holder}|${g.dataset.stance}|${g.dataset.target}|${g.dataset.from}`));
  const expected = timeline.positions.map(key);
  check(JSON.stringify([...rows].sort()) === JSON.stringify([...expected].sort()),
        'the list shows every AFL-CIO position the CLI gives', `page: ${rows.join('; ')}\n  cli:  ${expected.join('; ')}`);
  check(JSON.stringify([...bars].sort()) === JSON.stringify([...expected].sort()),
        'the chart draws one bar per position', bars.join('; '));
  const neutral = timeline.positions.filter((p) => p.stance === 'neutral');
  const support = timeline.positions.find((p) => p.stance === 'support' && p.target === 'Hillary Clinton');
  check(neutral.length > 0 && support !== undefined, 'the CLI has AFL-CIO neutral, then backing Hillary Clinton');
  check(neutral.every((p) => p.from && p.from < support.from && rows.includes(key(p))) && rows.includes(key(support)),
        'both of its positions are shown: neutral toward the race earlier, support for Hillary Clinton later');

  await page.click(`#tl-chart g.bar[data-stance=support][data-target="Hillary Clinton"]`);
  await page.locator('#evidence').waitFor({state: 'visible'});
  const tlSentences = await page.locator('#evidence .evidence-text').allTextContents();
  check(tlSentences.includes(support.sources[0].evidence), 'clicking the support bar shows its evidence sentence',
        tlSentences.join(' | '));

  // The panel narrows the page: the chart is redrawn to the new width, the bar still marked.
  await page.waitForFunction(() => {
    const svg = document.querySelector('#tl-chart svg');
    return svg && Math.abs(svg.width.baseVal.value - document.getElementById('tl-chart').clientWidth) < 2;
  });
  check(await page.locator('#tl-chart g.bar.selected').count() === 1, 'the chart keeps the clicked bar marked');
  await page.screenshot({path: path.join(outDir, 'timeline.png')});

  // An unknown actor gets a visible message, and the page stays usable.
  await page.goto(`${base}/#timeline=No%20Such%20Actor%20Anywhere`);
  check(await waitReady(page) === 'error', 'an unknown actor ends in an error state');
  check(await page.isVisible('#error') && (await page.textContent('#error')).includes('No Such Actor Anywhere'),
        'the error names the actor', await page.textContent('#error'));

  check(pageErrors.length === 0, 'no script errors on the page', pageErrors.join('\n  '));
  return 0;
}

const watchdog = setTimeout(async () => {
  console.error(`dashboard test: FAILED: still running after ${TIMEOUT_MS / 1000} s`);
  await cleanup();
  process.exit(1);
}, TIMEOUT_MS);

let code = 1;
try {
  code = await run();
} catch (err) {
  // Programming errors keep their stack; the others say enough in their message.
  const text = err instanceof TypeError || err instanceof ReferenceError ? err.stack : err.message;
  console.error(text.startsWith('FAILED') ? text : `FAILED: ${text}`);
  code = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
if (code === 0) console.log(`${passed} passed, 0 failed`);
else if (code === 1) console.log(`${passed} passed, 1 failed`);
process.exit(code);
