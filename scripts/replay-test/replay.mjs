#!/usr/bin/env node
// Replays one archived page of a WACZ in ReplayWeb.page, running in
// Debian's Chromium driven by playwright-core, and checks what a person
// would see: the page's text, and that its stylesheet took effect.
//
// Usage: node replay.mjs --wacz FILE --url ARCHIVED_URL --text TEXT
//          --selector CSS --style PROPERTY=VALUE [--style ...] [--ts 14DIGITS]
//
// It serves ReplayWeb.page (ui.js, its service worker sw.js) and the WACZ
// on 127.0.0.1, opens the embed page, finds the frame that shows the
// archived page, and prints a JSON summary. Exit 0: all checks passed;
// 1: a check failed or the browser did not start; 2: usage.

import { createServer } from "node:http";
import { createReadStream, readFileSync, statSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
// Flags for a headless browser on a shared CI machine that must not reach
// the network on its own (updates, sync, field trials).
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
// How long ReplayWeb.page may take to load the WACZ and show the page:
// a bound on a hang, not a measurement.
const PAGE_TIMEOUT_MS = Number(process.env.REPLAY_TIMEOUT_MS) || 120000;
// When the replay frame has not come this long after a load, the page is
// loaded again (see below); a passing run shows it within 2 s.
const RELOAD_AFTER_MS = 10000;

const here = dirname(fileURLToPath(import.meta.url));
const rwp = join(here, "node_modules", "replaywebpage");

function parseArgs(argv) {
  const o = { styles: [] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i], v = argv[i + 1];
    switch (k) {
      case "--wacz": o.wacz = v; i++; break;
      case "--url": o.url = v; i++; break;
      case "--text": o.text = v; i++; break;
      case "--selector": o.selector = v; i++; break;
      case "--ts": o.ts = v; i++; break;
      case "--style": {
        const eq = v.indexOf("=");
        o.styles.push([v.slice(0, eq), v.slice(eq + 1)]);
        i++;
        break;
      }
      default:
        console.error(`unknown argument ${k}`);
        process.exit(2);
    }
  }
  if (!o.wacz || !o.url || !o.text || !o.selector) {
    console.error("usage: replay.mjs --wacz FILE --url URL --text TEXT --selector CSS [--style PROP=VALUE]...");
    process.exit(2);
  }
  return o;
}

function embedPage(o) {
  const attrs = [`source="/archive.wacz"`, `url="${o.url}"`, `replayBase="/replay/"`, `embed="replayonly"`];
  if (o.ts) attrs.push(`ts="${o.ts}"`);
  return `<!doctype html><html><head><meta charset="utf-8"><script src="/ui.js"></script></head>
<body style="margin:0"><replay-web-page ${attrs.join(" ")} style="display:block;width:1200px;height:900px"></replay-web-page></body></html>`;
}

// serve answers with ReplayWeb.page's files and the WACZ (with range
// requests, which ReplayWeb.page uses to read records at their offsets).
function serve(o) {
  const size = statSync(o.wacz).size;
  const srv = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(embedPage(o));
    }
    // The embed registers sw.js from the page's folder, with /replay/ as
    // its scope, and the service worker serves the replay frame itself.
    if (path === "/ui.js" || path === "/replay/sw.js") {
      res.writeHead(200, { "Content-Type": "application/javascript", "Service-Worker-Allowed": "/" });
      return res.end(readFileSync(join(rwp, path === "/ui.js" ? "ui.js" : "sw.js")));
    }
    if (path === "/archive.wacz") {
      const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range || "");
      const headers = { "Content-Type": "application/wacz+zip", "Accept-Ranges": "bytes" };
      if (range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
        res.writeHead(206, { ...headers, "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": end - start + 1 });
        if (req.method === "HEAD") return res.end();
        return createReadStream(o.wacz, { start, end }).pipe(res);
      }
      res.writeHead(200, { ...headers, "Content-Length": size });
      if (req.method === "HEAD") return res.end();
      return createReadStream(o.wacz).pipe(res);
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(srv)));
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const srv = await serve(o);
  const base = `http://127.0.0.1:${srv.address().port}/`;
  const profile = mkdtempSync(join(tmpdir(), "govcorpus-replay-"));
  const summary = { ok: false, url: o.url, checks: {} };
  const log = [];
  let browser;
  try {
    try {
      // A persistent context is how playwright takes --user-data-dir: a
      // fresh profile, removed afterwards.
      browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
    } catch (e) {
      console.log(JSON.stringify({ ok: false, error: `cannot start ${CHROMIUM}: ${e.message}` }));
      process.exitCode = 1;
      return;
    }
    const page = browser.pages()[0] || await browser.newPage();
    page.on("console", (m) => log.push(m.text()));
    page.on("pageerror", (e) => log.push("pageerror: " + e.message));
    await page.goto(base, { timeout: PAGE_TIMEOUT_MS });
    // ReplayWeb.page shows the archived page in a frame whose URL holds
    // the original one after its replay prefix (".../mp_/http://...").
    // On a fresh profile the service worker is installed by this first
    // load, and now and then the replay frame it should then serve never
    // comes (seen 1 CI run in 5: the frame stayed empty for the whole
    // timeout). A page reloaded once the worker is registered is served by
    // it, as a second visit of a person would be.
    const deadline = Date.now() + PAGE_TIMEOUT_MS;
    let frame = null;
    let reloadAt = Date.now() + RELOAD_AFTER_MS;
    while (!frame && Date.now() < deadline) {
      frame = page.frames().find((f) => f.url().includes("mp_/") && f.url().endsWith(o.url));
      if (frame) break;
      if (Date.now() >= reloadAt) {
        log.push("no replay frame yet: reloading");
        await page.reload({ timeout: PAGE_TIMEOUT_MS });
        reloadAt = Date.now() + RELOAD_AFTER_MS;
      }
      await page.waitForTimeout(250);
    }
    if (!frame) throw new Error(`no frame showed ${o.url}; frames: ${page.frames().map((f) => f.url()).join(" ")}`);
    summary.frame = frame.url();
    const el = await frame.waitForSelector(o.selector, { timeout: PAGE_TIMEOUT_MS });
    const text = await frame.evaluate(() => document.body.innerText);
    summary.checks.text = text.includes(o.text);
    summary.title = await frame.title();
    summary.styles = {};
    for (const [prop, want] of o.styles) {
      const got = await el.evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), prop);
      summary.styles[prop] = got;
      summary.checks[`style ${prop}`] = got.trim() === want;
    }
    summary.ok = Object.values(summary.checks).every(Boolean);
    if (!summary.ok) summary.console = log.slice(-30);
  } catch (e) {
    summary.error = e.message;
    summary.console = log.slice(-30);
  } finally {
    if (browser) await browser.close();
    srv.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(JSON.stringify(summary, null, 2));
  if (process.exitCode === undefined) process.exitCode = summary.ok ? 0 : 1;
}

main().catch((e) => { console.error(e); process.exit(1); });
