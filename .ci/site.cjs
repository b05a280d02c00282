// The browser test of `pan site` (run by .ci/site, which installs what it needs):
//   node .ci/site.cjs SITE_DIR SHOTS_DIR
// 1. every internal link and asset of every built HTML file resolves (files and #anchors);
// 2. headless Chromium opens one page of every kind, in French and English, from a local
//    server: no console error, no Content-Security-Policy violation, and axe-core finds no
//    serious or critical accessibility violation (WCAG 2.0/2.1 A and AA rules);
// 3. the search finds results with JavaScript, and says what to do without it;
// 4. the site works opened from the folder (file://): styles and search load;
// 5. at 390 px (a phone), no page is wider than the screen and every table cell holding a
//    figure lies inside the screen;
// 6. Lighthouse scores (accessibility, best practices, SEO) of the main page kinds;
// 7. screenshots of each page kind at 1280 px and 390 px wide, and the digest as printed.
"use strict";

const fs = require("fs");
const path = require("path");
const http = require("http");
const puppeteer = require("puppeteer-core");

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error("usage: node .ci/site.cjs SITE_DIR SHOTS_DIR");
  process.exit(2);
}
const root = path.resolve(site);
fs.mkdirSync(shots, { recursive: true });
const problems = [];
const fail = (m) => {
  problems.push(m);
  console.error("  FAIL " + m);
};

// 1. Links and assets.
function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(p);
    return e.name.endsWith(".html") ? [p] : [];
  });
}
const ids = new Map();
function idsOf(file) {
  if (!ids.has(file)) {
    const text = fs.readFileSync(file, "utf8");
    ids.set(file, new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return ids.get(file);
}
const decode = (s) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");
let links = 0;
const files = htmlFiles(root);
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const url = decode(m[2]);
    links++;
    if (/^mailto:[^@\s]+@[^@\s]+$/.test(url)) continue; // the publisher's contact
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      fail(`${path.relative(root, file)}: link to another site or scheme: ${url}`);
      continue;
    }
    const [beforeHash, hash] = url.split("#");
    const target = beforeHash.split("?")[0];
    const resolved = target === "" ? file : path.resolve(path.dirname(file), target);
    if (!resolved.startsWith(root + path.sep) && resolved !== root) {
      fail(`${path.relative(root, file)}: ${url} leaves the site`);
      continue;
    }
    if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) {
      fail(`${path.relative(root, file)}: ${url} does not resolve`);
      continue;
    }
    if (hash && resolved.endsWith(".html") && !idsOf(resolved).has(hash)) {
      fail(`${path.relative(root, file)}: ${url}: no element with id "${hash}"`);
    }
  }
}
console.log(`links: ${links} links and assets in ${files.length} HTML files checked`);

// A tiny static server for the folder, on 127.0.0.1 only.
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".csv": "text/csv", ".svg": "image/svg+xml", ".png": "image/png" };
const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let p = path.join(root, rel);
  if (!p.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, "index.html");
  fs.readFile(p, (err, body) => {
    if (err) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(p)] || "application/octet-stream" });
    res.end(body);
  });
});

// One page of every kind.
const kinds = [
  ["home", "index.html"],
  ["levers", "levers.html"],
  ["lever", "levers/B.html"],
  ["objective", "objectives/B-11.html"],
  ["actions", "actions.html"],
  ["action", "actions/IN-B-11.02.html"],
  ["ministries", "ministries.html"],
  ["ministry", "ministries/MinDigital.html"],
  ["context", "context.html"],
  ["reporting", "reporting.html"],
  ["timeline", "timeline.html"],
  ["digest", "digest.html"],
  ["search", "search.html?q=formateurs"],
  ["downloads", "downloads.html"],
  ["statement", "accessibility.html"],
  ["select", "select/health-due.html"],
];
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function open(browser, url, width, height, mobile) {
  const page = await browser.newPage();
  await page.setViewport({ width, height, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  const response = await page.goto(url, { waitUntil: "load" });
  return { page, errors, response };
}

async function shoot(page, file) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const vp = page.viewport();
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: vp.width, height: Math.min(height, 2600) } });
}

(async () => {
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const profile = fs.mkdtempSync(path.join(require("os").tmpdir(), "pan-site-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`],
  });
  let serious = 0;
  let lesser = 0;
  let figuresSeen = 0;
  try {
    for (const lang of ["fr", "en"]) {
      for (const [kind, rel] of kinds) {
        const url = base + lang + "/" + rel;
        const { page, errors, response } = await open(browser, url, 1280, 800, false);
        if (!response || response.status() !== 200) fail(`${lang}/${rel}: HTTP ${response && response.status()}`);
        if (kind === "search") {
          await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, { timeout: 5000 }).catch(() => fail(`${lang}/search: no result for "formateurs"`));
        }
        await page.evaluate(axeSource);
        const result = await page.evaluate(() =>
          window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, resultTypes: ["violations"] })
        );
        for (const v of result.violations) {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
          if (v.impact === "serious" || v.impact === "critical") {
            serious++;
            fail(`${lang}/${rel}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${where})`);
          } else {
            lesser++;
            console.log(`  note ${lang}/${rel}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${where})`);
          }
        }
        for (const e of errors) fail(`${lang}/${rel}: ${e}`);
        await shoot(page, path.join(shots, `${lang}-${kind}-desktop.png`));
        if (lang === "fr" && ["home", "action", "context", "timeline"].includes(kind)) {
          // The top of the page, as examples/site/ shows it.
          fs.mkdirSync(path.join(shots, "examples"), { recursive: true });
          // The context page from its first indicator, whose chart is the point.
          const y = kind === "context" ? await page.evaluate(() => Math.max(0, document.querySelector("section.indicator").getBoundingClientRect().top + window.scrollY - 16)) : 0;
          await page.screenshot({ path: path.join(shots, "examples", `${kind}.png`), clip: { x: 0, y, width: 1280, height: 1000 } });
        }
        await page.close();
        const mobile = await open(browser, url, 390, 844, true);
        if (kind === "search") {
          await mobile.page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, { timeout: 5000 }).catch(() => {});
        }
        for (const e of mobile.errors) fail(`${lang}/${rel} (390px): ${e}`);
        const overflow = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) fail(`${lang}/${rel}: the page is ${overflow}px wider than a 390px screen`);
        // Every table cell holding a figure (a digit) is on the screen, without scrolling
        // sideways: its box lies within the viewport's width (cells inside a closed
        // <details> are not rendered and not counted).
        const hidden = await mobile.page.evaluate(() => {
          const out = [];
          let seen = 0;
          for (const td of document.querySelectorAll("main td")) {
            if (!/[0-9]/.test(td.textContent) || td.getClientRects().length === 0) continue;
            seen++;
            const r = td.getBoundingClientRect();
            if (r.left < -1 || r.right > window.innerWidth + 1) out.push(`${td.closest("table").id || "table"}: "${td.textContent.trim().slice(0, 40)}" at ${Math.round(r.left)}–${Math.round(r.right)}px`);
          }
          return { seen, out };
        });
        figuresSeen += hidden.seen;
        if (hidden.out.length) fail(`${lang}/${rel} (390px): ${hidden.out.length} of ${hidden.seen} table cells with a figure lie outside the screen, e.g. ${hidden.out.slice(0, 3).join("; ")}`);
        await mobile.page.evaluate(axeSource);
        const m = await mobile.page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }));
        for (const v of m.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
          serious++;
          fail(`${lang}/${rel} (390px): axe ${v.impact} ${v.id}: ${v.help}`);
        }
        await shoot(mobile.page, path.join(shots, `${lang}-${kind}-mobile.png`));
        if (lang === "fr" && ["home", "actions", "context"].includes(kind)) {
          // The top of the page on a phone, as examples/site/ shows it.
          fs.mkdirSync(path.join(shots, "examples"), { recursive: true });
          await mobile.page.screenshot({ path: path.join(shots, "examples", `${kind}-phone.png`), clip: { x: 0, y: 0, width: 390, height: 1500 } });
        }
        await mobile.page.close();
        console.log(`ok ${lang}/${rel}`);
      }
    }
    // The root page leads to the plan's language.
    {
      const { page, errors } = await open(browser, base + "index.html", 1280, 800, false);
      await page.waitForFunction(() => location.pathname.endsWith("/fr/index.html"), { timeout: 5000 }).catch(() => fail("index.html does not lead to fr/index.html"));
      for (const e of errors) fail(`index.html: ${e}`);
      await page.close();
    }

    // The filters of all actions, in place with JavaScript: lever B then "due" leave the
    // rows of both, and say how many; without JavaScript, links to a page per choice.
    {
      const { page, errors } = await open(browser, base + "fr/actions.html", 1280, 800, false);
      const all = await page.evaluate(() => document.querySelectorAll("#t-actions tbody tr").length);
      await page.select("#filter-lever", "B");
      const b = await page.evaluate(() => [...document.querySelectorAll("#t-actions tbody tr")].filter((r) => !r.hidden).length);
      await page.select("#filter-health", "due");
      const bDue = await page.evaluate(() => [...document.querySelectorAll("#t-actions tbody tr")].filter((r) => !r.hidden && r.dataset.lever === "B" && r.dataset.health === "due").length);
      const shown = await page.evaluate(() => [...document.querySelectorAll("#t-actions tbody tr")].filter((r) => !r.hidden).length);
      const said = await page.evaluate(() => document.querySelector(".filter-form [role=status]").textContent);
      if (!(all > b && b > shown && shown === bDue && said.startsWith(String(shown)))) fail(`filters: ${all} rows, lever B ${b}, B and due ${shown} (${bDue} match), said "${said}"`);
      else console.log(`filters: ${all} actions, lever B ${b}, B and due soon ${shown} ("${said}")`);
      for (const e of errors) fail(`filters: ${e}`);
      await page.close();
      const nojs = await browser.newPage();
      await nojs.setJavaScriptEnabled(false);
      await nojs.goto(base + "fr/actions.html");
      const links = await nojs.evaluate(() => document.querySelectorAll("nav.filters a[href^='select/']").length);
      if (links < 10) fail(`filters without JavaScript: ${links} links`);
      await nojs.close();
    }

    // Without JavaScript the search page says what to do.
    {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.goto(base + "fr/search.html?q=formateurs");
      const text = await page.evaluate(() => document.body.innerText);
      if (!/toutes les actions/i.test(text)) fail("search without JavaScript does not point to the list of actions");
      await page.close();
    }

    // From the folder itself (file://): styles apply under the CSP, and the header's search
    // form leads to the search page, whose script and index load and find results.
    {
      const url = "file://" + path.join(root, "fr", "actions", "IN-B-11.02.html");
      const { page, errors } = await open(browser, url, 1280, 800, false);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector("header.site")).backgroundColor);
      if (!bg || bg === "rgba(0, 0, 0, 0)") fail(`file://: the style sheet did not apply (header background ${bg})`);
      await page.type("#site-q", "formateurs");
      await Promise.all([page.waitForNavigation({ timeout: 5000 }).catch(() => fail("file://: the search form went nowhere")), page.keyboard.press("Enter")]);
      if (!page.url().includes("/fr/search.html?q=formateurs")) fail(`file://: the search form led to ${page.url()}`);
      await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, { timeout: 5000 }).catch(() => fail("file://: the search found nothing"));
      for (const e of errors) fail(`file://: ${e}`);
      await page.close();
    }

    // Lighthouse (accessibility, best practices, SEO) in the same Chromium, on a phone
    // (its default) for a page of the main kinds: scores printed, and an accessibility
    // score under 95 fails.
    {
      const { pathToFileURL } = require("url");
      const lighthouse = (await import(pathToFileURL(require.resolve("lighthouse")).href)).default;
      const port = Number(new URL(browser.wsEndpoint()).port);
      const categories = ["accessibility", "best-practices", "seo"];
      const worst = Object.fromEntries(categories.map((c) => [c, 100]));
      for (const rel of ["index.html", "actions.html", "actions/IN-B-11.02.html", "context.html", "timeline.html", "accessibility.html"]) {
        const result = await lighthouse(base + "fr/" + rel, { port, output: "json", logLevel: "error", onlyCategories: categories });
        const scores = categories.map((c) => Math.round(100 * (result.lhr.categories[c].score || 0)));
        categories.forEach((c, i) => (worst[c] = Math.min(worst[c], scores[i])));
        console.log(`lighthouse fr/${rel}: ${categories.map((c, i) => `${c} ${scores[i]}`).join(", ")}`);
        for (const c of categories) {
          for (const ref of result.lhr.categories[c].auditRefs) {
            const a = result.lhr.audits[ref.id];
            if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`  note ${c}: ${a.id}: ${a.title}`);
          }
        }
      }
      console.log(`lighthouse: lowest scores: ${categories.map((c) => `${c} ${worst[c]}`).join(", ")}`);
      if (worst.accessibility < 95) fail(`lighthouse: accessibility ${worst.accessibility} < 95`);
    }

    // The digest as printed on A4 (the PDF is kept beside the screenshots).
    {
      const { page } = await open(browser, base + "fr/digest.html", 1280, 800, false);
      const pdf = await page.pdf({ path: path.join(shots, "fr-digest.pdf"), format: "A4", printBackground: true });
      const pages = (Buffer.from(pdf).toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
      if (pages < 2) fail(`the printed digest has ${pages} page(s)`);
      await page.emulateMediaType("print");
      const hidden = await page.evaluate(() => getComputedStyle(document.querySelector("nav.main")).display);
      if (hidden !== "none") fail("the navigation is printed");
      console.log(`print: the digest prints on ${pages} A4 pages`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`390px: ${figuresSeen} table cells with a figure checked inside the screen`);
  console.log(`axe: ${serious} serious or critical violation(s), ${lesser} lesser note(s); screenshots in ${shots}`);
  if (problems.length) {
    console.error(`${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log("site: all checks passed");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
