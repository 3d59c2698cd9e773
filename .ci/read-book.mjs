// Reads the built books as a reader does, in headless Chromium driven over its DevTools
// protocol (one browser for every page, real time rather than virtual time, which
// Pagefind's worker needs): run by .ci/book, with the books served over HTTP.
//
//   node .ci/read-book.mjs http://127.0.0.1:PORT target/book
//
// Node's own WebSocket where it has one (Node 22), else the ws package that .ci/book
// installs beside Pagefind (target/pagefind).
//
// 1. Search: from a lesson page, `?search=WORD` (workbook.js types it into the box);
//    each word must find pages; the Chinese box's words are Chinese.
// 2. Every lesson page at 1280 and 400 px: its picture of the wire loaded, inside the
//    screen, its labels at least 11 px on screen; its questions, each with a folded
//    answer; nothing runs off the page sideways, and at 1280 px no table needs to
//    scroll (workbook.js's `?layout` facts). Then the home page and the reference
//    pages, for their tables.
// 3. Every link of the home and lesson pages answers over HTTP.
// 4. print.html: every hint and answer open.
// 5. Screenshots of step 7 at 1280 and 400 px in each language.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, out] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "read-book-"));
const chromium = spawn("chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });

let failures = 0;
function fail(message) {
  console.error(message);
  failures += 1;
}

function finish(code) {
  // The profile goes once the browser has ended; its helpers may still write there for a
  // moment after, so removing it is tried again for up to 5 s.
  chromium.once("exit", async () => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        rmSync(profile, { recursive: true, force: true });
        break;
      } catch (error) {
        if (attempt >= 50) {
          console.error(`read-book: could not remove ${profile}: ${error.message}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    process.exit(code);
  });
  chromium.kill();
}
setTimeout(() => { console.error("read-book: not done within 180 s"); finish(1); }, 180_000);

// The browser's address, from the line it prints when it listens.
const address = await new Promise((resolve, reject) => {
  let said = "";
  chromium.stderr.on("data", (chunk) => {
    said += chunk;
    const found = said.match(/DevTools listening on (ws:\/\/\S+)/);
    if (found) { resolve(found[1]); }
  });
  chromium.on("exit", () => reject(new Error(`chromium ended: ${said}`)));
});

const Socket = globalThis.WebSocket
  ?? createRequire(join(process.cwd(), "target/pagefind/package.json"))("ws");
const socket = new Socket(address);
await new Promise((resolve) => socket.addEventListener("open", resolve));
let next = 0;
const waiting = new Map();
socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.id && waiting.has(message.id)) {
    const { resolve, reject } = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) { reject(new Error(JSON.stringify(message.error))); } else { resolve(message.result); }
  }
});
function send(method, params = {}, sessionId) {
  next += 1;
  const id = next;
  socket.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}

const { targetId } = await send("Target.createTarget", { url: "about:blank" });
const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
const page = (method, params) => send(method, params, sessionId);

async function evaluate(expression) {
  const { result, exceptionDetails } = await page("Runtime.evaluate", { expression, returnByValue: true });
  if (exceptionDetails) { throw new Error(`${expression}: ${exceptionDetails.text}`); }
  return result.value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(expression, ms = 8000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await evaluate(expression).catch(() => undefined);
    if (value) { return value; }
    if (Date.now() > deadline) { return undefined; }
    await sleep(50);
  }
}

async function open(url, width) {
  await page("Emulation.setDeviceMetricsOverride", { width, height: 1000, deviceScaleFactor: 1, mobile: false });
  await page("Page.navigate", { url });
  await sleep(50);
  return until("document.readyState === 'complete' && location.href !== 'about:blank'");
}

await page("Page.enable");
await page("Runtime.enable");

// 1. Search.
const words = {
  zh: ["阻塞", "套接字", "监听", "粘包", "半包", "缓冲区", "解码", "服务端", "非阻塞", "线程池", "异步",
    "事件循环", "三次握手", "监听套接字", "TCP_NODELAY", "backlog"],
  en: ["blocking", "socket", "listen", "backlog", "buffer", "decode", "server", "TIME_WAIT", "Nagle",
    "non-blocking", "thread pool", "event loop"],
};
// And every term of each book's glossary (its first column: `套接字（Socket）` gives
// 套接字, `IP address, port` gives both).
for (const lang of ["zh", "en"]) {
  const rows = readFileSync(`docs/${lang}/glossary.md`, "utf8").split("\n").filter((line) => /^\| [^-|]/.test(line)).slice(1);
  for (const row of rows) {
    for (let term of row.split("|")[1].split(/、|, /)) {
      term = term.replace(/（[^）]*）|\([^)]*\)|`/g, "").trim();
      if (term && !words[lang].includes(term)) { words[lang].push(term); }
    }
  }
}
for (const lang of ["zh", "en"]) {
  const counts = [];
  for (const word of words[lang]) {
    await open(`${base}/docs/${lang}/step5_recv.html?search=${encodeURIComponent(word)}`, 1280);
    // The message says how many pages matched: "找到 N 个结果" / "N results for".
    const said = await until(`(() => {
      const m = document.querySelector('.pagefind-ui__message');
      return m && !/正在搜索|Searching/.test(m.textContent) ? m.textContent : '';
    })()`);
    const count = said ? Number((said.match(/\d+/) || ["0"])[0]) : 0;
    counts.push(`${word} ${count}`);
    if (!count) { fail(`docs/${lang}/step5_recv.html: searching for ${word} finds nothing (${said || "no answer"})`); }
  }
  console.log(`search in the ${lang} book, pages found: ${counts.join(", ")}`);
  await open(`${base}/docs/${lang}/index.html`, 1280);
  const placeholder = await until("document.querySelector('.pagefind-ui__search-input')?.placeholder");
  const wanted = lang === "zh" ? "搜索本练习册" : "Search the workbook";
  if (placeholder !== wanted) { fail(`docs/${lang}/index.html: the search box says ${placeholder}, not ${wanted}`); }
}

// 2. Every lesson page, at 1280 and 400 px.
const lessons = readdirSync("docs/en")
  .filter((name) => name.endsWith(".md"))
  .filter((name) => /^## Further reading$/m.test(readFileSync(join("docs/en", name), "utf8")))
  .map((name) => name.replace(/\.md$/, ""));
const reference = ["index", "exercises", "instructors", "glossary", "next", "summary"];
for (const lang of ["en", "zh"]) {
  let pictures = 0;
  for (const width of [1280, 400]) {
    for (const stem of [...lessons, ...reference]) {
      const lesson = lessons.includes(stem);
      await open(`${base}/docs/${lang}/${stem}.html?layout`, width);
      const text = await until("document.documentElement.getAttribute('data-wb-layout')");
      const name = `docs/${lang}/${stem}.html at ${width} px`;
      if (!text) { fail(`${name}: no layout facts (did workbook.js run?)`); continue; }
      const facts = JSON.parse(text);
      const wire = readFileSync(`docs/${lang}/${stem}.md`, "utf8").includes('<img class="wire"');
      if (facts.overflow.length) { fail(`${name}: runs off the page: ${facts.overflow.join(", ")}`); }
      if (width === 1280 && facts.tablesScrolled) { fail(`${name}: ${facts.tablesScrolled} tables wider than the page`); }
      if (wire) {
        const shown = facts.wire;
        if (!shown || !shown.loaded) {
          fail(`${name}: its picture of the wire does not load`);
        } else if (!shown.inside || shown.label < 11) {
          fail(`${name}: its picture of the wire is unreadable: ${JSON.stringify(shown)}`);
        } else {
          pictures += 1;
        }
      }
      if (lesson && (facts.questions < 2 || facts.answers !== facts.questions)) {
        fail(`${name}: ${facts.questions} questions, ${facts.answers} folded answers`);
      }
    }
  }
  console.log(`the ${lessons.length} ${lang} lesson pages and ${reference.length} others lay out at 1280 and 400 px; ${pictures / 2} pictures of the wire readable at both`);
}

// 2b. Read over HTTP as served, every link of every lesson page leads somewhere: the
// other language, the examples beside the books, the pictures.
{
  const seen = new Set();
  let checked = 0;
  for (const lang of ["en", "zh"]) {
    for (const stem of ["index", ...lessons]) {
      await open(`${base}/docs/${lang}/${stem}.html`, 1280);
      const links = await evaluate(`[...document.querySelectorAll('main a[href], main img[src]')]
        .map((e) => e.href || e.src).filter((u) => u.startsWith(location.origin))
        .map((u) => u.split('#')[0])`);
      for (const link of links) {
        if (seen.has(link)) { continue; }
        seen.add(link);
        const answer = await fetch(link, { method: "HEAD" });
        checked += 1;
        if (!answer.ok) { fail(`docs/${lang}/${stem}.html links ${link}: ${answer.status}`); }
      }
    }
  }
  console.log(`over HTTP, the ${checked} links of the home and lesson pages lead to files`);
}

// 3. The printable copy.
for (const lang of ["en", "zh"]) {
  await open(`${base}/docs/${lang}/print.html`, 1280);
  await until("document.querySelectorAll('details').length > 0");
  const [all, open_] = await evaluate("[document.querySelectorAll('details').length, document.querySelectorAll('details[open]').length]");
  if (all === 0 || all !== open_) { fail(`docs/${lang}/print.html: ${open_} of ${all} hints and answers open`); }
  console.log(`the ${lang} printable copy opens its ${open_} hints and answers`);
}

// 4. Screenshots.
for (const lang of ["en", "zh"]) {
  for (const width of [1280, 400]) {
    await open(`${base}/docs/${lang}/step7_close.html`, width);
    await sleep(200);
    const { data } = await page("Page.captureScreenshot", { format: "png" });
    const file = join(out, width === 1280 ? `screenshot-${lang}.png` : `screenshot-${lang}-${width}.png`);
    writeFileSync(file, Buffer.from(data, "base64"));
  }
}

// And, at phone width, a picture of the wire and the questions with one answer open.
for (const lang of ["en", "zh"]) {
  await open(`${base}/docs/${lang}/pitfall_reset_on_close.html`, 400);
  await evaluate("document.querySelector('main img.wire').scrollIntoView()");
  await sleep(200);
  let { data } = await page("Page.captureScreenshot", { format: "png" });
  writeFileSync(join(out, `screenshot-${lang}-400-wire.png`), Buffer.from(data, "base64"));
  await evaluate(`(() => {
    const heading = document.getElementById('check-yourself') || document.getElementById('自测');
    heading.scrollIntoView();
    const list = heading.closest('h2').nextElementSibling.nextElementSibling;
    list.querySelector('details').open = true;
  })()`);
  await sleep(200);
  ({ data } = await page("Page.captureScreenshot", { format: "png" }));
  writeFileSync(join(out, `screenshot-${lang}-400-questions.png`), Buffer.from(data, "base64"));
}

finish(failures ? 1 : 0);
