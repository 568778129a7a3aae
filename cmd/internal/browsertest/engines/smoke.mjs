// The cross-engine smoke test, run by TestEngines (engines_test.go) against a site it builds
// and serves: one engine per run, Firefox ESR through puppeteer-core over WebDriver BiDi, or
// WebKitGTK's MiniBrowser through WebKitWebDriver and selenium-webdriver (no BiDi there).
//
//	node smoke.mjs ENGINE BASE_URL PAGES_FILE FILES...
//
// ENGINE is firefox or webkit; PAGES_FILE lists the site's pages (URL paths), one a line;
// FILES are given to the check page's file input. The test server adds probe.js to every
// page, which records script errors, console.error calls and CSP violations in the page
// (window.__problems). Each check prints "ok NAME" or "FAIL NAME: why"; the first line is
// "version ENGINE VERSION"; the exit status is 1 when a check failed. With SHOTS_DIR set,
// screenshots of every page at a phone's width and a desktop's, light and dark, and (Firefox
// only: WebDriver classic has no print) the printed procedures, go there.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

const [engine, base, pagesFile, ...files] = process.argv.slice(2);
const pages = fs.readFileSync(pagesFile, 'utf8').split('\n').filter(Boolean);
const shots = process.env.SHOTS_DIR || '';
const casURL = 'https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas';
let failed = 0;

function ok(name) { console.log('ok ' + name); }
function fail(name, why) { failed++; console.log('FAIL ' + name + ': ' + why); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Firefox ESR, headless, through puppeteer-core over WebDriver BiDi; dark, it prefers a dark
// scheme (a preference: BiDi has no media emulation).
async function firefox(dark) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox', headless: true, executablePath: process.env.FIREFOX || 'firefox-esr',
    extraPrefsFirefox: dark ? { 'layout.css.prefers-color-scheme.content-override': 0 } : {},
  });
  // A page without window focus fires no focus event: a new tab has it.
  const first = (await browser.pages())[0];
  const page = await browser.newPage();
  if (first) await first.close();
  const logged = [];
  page.on('console', (m) => { if (m.type() === 'error') logged.push(m.text()); });
  page.on('pageerror', (e) => logged.push(String(e)));
  return {
    version: 'Firefox ' + (await browser.version()).replace(/^firefox\//, ''),
    logged,
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    reload: () => page.reload({ waitUntil: 'load' }),
    eval: (expr) => page.evaluate(expr),
    click: (sel) => page.click(sel),
    type: (sel, text) => page.type(sel, text),
    files: async (sel, paths) => (await page.$(sel)).uploadFile(...paths),
    size: (width, height) => page.setViewport({ width, height }),
    shot: (file) => page.screenshot({ path: file, fullPage: true }),
    print: (file) => page.pdf({ path: file, format: 'A4', preferCSSPageSize: true }),
    close: () => browser.close(),
  };
}

// WebKitGTK's MiniBrowser, under the X server xvfb-run gives, through WebKitWebDriver and
// selenium-webdriver. Its window is at least 447 px wide. Dark, its GTK theme is dark, which
// WebKitGTK answers as a preferred dark scheme.
async function webkit(dark) {
  const { Builder, By } = await import('selenium-webdriver');
  const port = 4400 + (process.pid % 500) + (dark ? 1 : 0);
  const env = dark ? { ...process.env, GTK_THEME: 'Adwaita:dark' } : process.env;
  const driver = spawn(process.env.WEBKIT_DRIVER || 'WebKitWebDriver', ['--port=' + port], { stdio: 'ignore', env });
  let d;
  for (let i = 0; !d; i++) {
    try {
      d = await new Builder().usingServer('http://127.0.0.1:' + port).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: process.env.MINIBROWSER, args: ['--automation'] },
      }).build();
    } catch (e) {
      if (i > 50) { driver.kill(); throw e; }
      await sleep(200);
    }
  }
  const caps = await d.getCapabilities();
  return {
    version: 'WebKitGTK ' + caps.get('browserVersion'),
    logged: [],
    goto: (url) => d.get(url),
    reload: () => d.navigate().refresh(),
    eval: (expr) => d.executeScript('return (' + expr + ')'),
    click: async (sel) => (await d.findElement(By.css(sel))).click(),
    type: async (sel, text) => (await d.findElement(By.css(sel))).sendKeys(text),
    files: async (sel, paths) => (await d.findElement(By.css(sel))).sendKeys(paths.join('\n')),
    size: (width, height) => d.manage().window().setRect({ width, height }),
    shot: async (file) => fs.writeFileSync(file, Buffer.from(await d.takeScreenshot(), 'base64')),
    print: null,
    close: async () => { try { await d.quit(); } finally { driver.kill(); } },
  };
}

// waitFor evaluates expr until it is true, or fails after ms.
async function waitFor(b, expr, ms = 20000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    try { if (await b.eval(expr)) return true; } catch (e) { /* the page is changing */ }
  }
  return false;
}

// problems returns what went wrong on the current page: what probe.js recorded and, where
// the driver hears it, what the console said.
async function problems(b) {
  const got = (await b.eval('window.__problems || ["probe.js did not run"]')) || [];
  return got.concat(b.logged.splice(0));
}

async function loads(b) {
  const bad = [];
  for (const p of pages) {
    await b.goto(base + p);
    await sleep(150);
    for (const x of await problems(b)) bad.push(p + ': ' + x);
  }
  if (bad.length) fail('pages', bad.join('; '));
  else ok(`pages: ${pages.length} pages load with no script error, console error or CSP violation`);
}

async function stateKept(b) {
  const page = base + '/fr/mode-heberge/';
  await b.goto(page);
  await b.eval('localStorage.clear()');
  await b.goto(page);
  if (!(await waitFor(b, '!!document.querySelector(".cl-progress")'))) return fail('state', 'no checklist counter');
  await b.click('[id="hosted.net-open"] input[type=checkbox]');
  await b.click('[id="net.cas-protocol"] input[type=checkbox]');
  await b.type('textarea[name="net.cas-url:value"]', casURL);
  await sleep(300);
  await b.reload();
  // Saved ticks show once steps.js has found their wording the same (aria-busy till then).
  await waitFor(b, '!!document.querySelector(".cl-progress") && !document.querySelector(".checklist[aria-busy]")');
  await sleep(300);
  const got = await b.eval(`[document.querySelector('[id="hosted.net-open"] input[type=checkbox]').checked,
    document.querySelector('[id="net.cas-protocol"] input[type=checkbox]').checked,
    document.querySelector('[id="net.espaces"] input[type=checkbox]').checked,
    document.querySelector('textarea[name="net.cas-url:value"]').value]`);
  if (got[0] && got[1] && !got[2] && got[3] === casURL) ok('state: two ticks and a typed address survive a reload');
  else fail('state', 'after a reload, ticks (true, true, false) and value: ' + JSON.stringify(got));
  const bad = await problems(b);
  if (bad.length) fail('state problems', bad.join('; '));
}

async function checker(b) {
  await b.goto(base + '/fr/verifier/');
  if (!(await waitFor(b, '!document.querySelector(".wc-ui").hidden'))) return fail('check page', 'the drop zone does not show');
  await b.eval(`(document.querySelector('.webcheck select[name=mode]').value = 'hosted', true)`);
  const t0 = Date.now();
  await b.files('.webcheck input[type=file]', files);
  if (!(await waitFor(b, 'document.querySelectorAll(".wc-result").length > 0', 60000))) {
    return fail('check page', 'no result after 60 s; the page says: ' + (await b.eval('document.querySelector(".wc-status").textContent')));
  }
  const n = await b.eval('document.querySelectorAll(".wc-result").length');
  const failShown = await b.eval('document.querySelectorAll(".wc-result.st-fail").length');
  if (failShown > 0) ok(`check page: ${files.length} files judged in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${n} results, ${failShown} failed`);
  else fail('check page', `${n} results, none failed (the fixture has a failing step)`);
  const bad = await problems(b);
  if (bad.length) fail('check page problems', bad.join('; '));

  await b.goto(base + '/fr/mode-heberge/');
  const shown = await waitFor(b, `!!document.querySelector('[id="server.cas-url"].s-contradicted .cl-state') && !!document.querySelector('.cl-item.s-verified .cl-state')`, 10000);
  if (shown) ok('verdicts: the checker\'s verdicts give the procedure\'s steps their states');
  else fail('verdicts', 'server.cas-url is not shown failed, or no step verified: ' +
    JSON.stringify(await b.eval(`Array.from(document.querySelectorAll('.cl-item')).map(li => li.id + ' ' + li.className)`)));
}

async function search(b) {
  await b.goto(base + '/fr/');
  await b.click('#search-q');
  await b.type('#search-q', 'eleve');
  if (!(await waitFor(b, `document.querySelectorAll('.search ol li a').length > 0`, 10000))) return fail('search', 'no result for « eleve »');
  const first = await b.eval(`document.querySelector('.search ol li a').textContent`);
  ok(`search: « eleve » answers, first « ${first} »`);
  const bad = await problems(b);
  if (bad.length) fail('search problems', bad.join('; '));
}

// screenshots saves every page at a phone's width (390 px; WebKit's window: 447 px at least)
// and a desktop's, light and dark (in a second browser that prefers dark), and prints the
// procedures.
async function screenshots(b) {
  const name = (p) => (p.replace(/^\/|\/$/g, '').replace(/\//g, '_').replace(/\.html$/, '') || 'root');
  for (const scheme of ['light', 'dark']) {
    const sb = scheme === 'light' ? b : await (engine === 'firefox' ? firefox : webkit)(true);
    try {
      await sb.goto(base + pages[0]);
      if ((await sb.eval(`matchMedia('(prefers-color-scheme: dark)').matches`)) !== (scheme === 'dark')) {
        console.log(`note: ${engine} does not prefer the ${scheme} scheme here: no ${scheme} screenshots`);
        continue;
      }
      for (const [w, h] of [[390, 844], [1280, 900]]) {
        await sb.size(w, h);
        for (const p of pages) {
          await sb.goto(base + p);
          await sleep(200);
          await sb.shot(path.join(shots, `${engine}-${name(p)}-${w}-${scheme}.png`));
        }
      }
    } finally {
      if (sb !== b) await sb.close();
    }
  }
  if (b.print) {
    for (const p of pages.filter((p) => /mode|ent\//.test(p))) {
      await b.goto(base + p);
      await b.print(path.join(shots, `${engine}-${name(p)}-print.pdf`));
    }
  }
  ok('screenshots in ' + shots);
}

const b = engine === 'firefox' ? await firefox() : await webkit();
try {
  console.log(`version ${engine} ${b.version}`);
  for (const step of [loads, stateKept, checker, search]) {
    try { await step(b); } catch (e) { fail(step.name, e.stack || String(e)); }
  }
  if (shots) await screenshots(b);
} finally {
  await b.close();
}
process.exit(failed ? 1 : 0);
