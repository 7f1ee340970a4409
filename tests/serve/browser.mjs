// tests/serve/browser.mjs -- the workbench page in a real browser (headless Chromium, driven
// over the DevTools protocol on a pipe: no npm package needed), as tests/cli/browser.sh runs it:
//   node browser.mjs URL OMNISIM SHOTS_DIR WORK_DIR
// 1. The page loads and shows a first run; 2. a planner lowers voice_team to 80 % by typing;
// the KPIs the page shows (and the answer it drew them from) equal `omnisim run` on the
// document the page sent, with the same seed and replications; 2b. chat at 150 % reweights
// the segments exactly; 3. an invalid value (a negative
// threshold) shows the loader's message with its JSON path; 4. compare mode shows B - A with a
// significant drop of phone's service level. Screenshots of each step go to SHOTS_DIR.
// Exit 0 when every check holds, 1 otherwise (each failure printed as "FAIL ...").
import {spawn, execFileSync} from "node:child_process";
import {mkdtempSync, writeFileSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {tmpdir} from "node:os";

const [url, omnisim, shots, work] = process.argv.slice(2);
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
let failures = 0;
const fail = (msg) => { console.log("FAIL " + msg); failures++; };
const ok = (msg) => console.log("ok   " + msg);

// --- the DevTools protocol over --remote-debugging-pipe: NUL-terminated JSON messages,
// written to the browser's fd 3 and read from its fd 4
const profile = mkdtempSync(join(tmpdir(), "omnisim-chromium-"));
const browser = spawn(chromium, ["--headless", "--no-sandbox", "--disable-gpu",
  "--remote-debugging-pipe", "--user-data-dir=" + profile, "--window-size=1400,1900",
  "--hide-scrollbars", "--force-device-scale-factor=1", "about:blank"],
  {stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"]});
const toBrowser = browser.stdio[3], fromBrowser = browser.stdio[4];
let nextId = 1, buffered = "";
const pending = new Map();
fromBrowser.on("data", (chunk) => {
  buffered += chunk.toString("utf8");
  let end;
  while ((end = buffered.indexOf("\0")) >= 0) {
    const msg = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const {resolve, reject} = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  toBrowser.write(JSON.stringify({id, method, params, sessionId}) + "\0");
  return new Promise((resolve, reject) => pending.set(id, {resolve, reject}));
}
let session;
const cmd = (method, params) => send(method, params, session);
async function evaluate(expr) {
  const r = await cmd("Runtime.evaluate", {expression: expr, returnByValue: true, awaitPromise: true});
  if (r.exceptionDetails) throw new Error("page: " + JSON.stringify(r.exceptionDetails).slice(0, 300));
  return r.result.value;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(expr, what, ms = 30000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const v = await evaluate(expr).catch(() => null);
    if (v) return v;
    await sleep(100);
  }
  throw new Error("timed out waiting for " + what);
}
async function screenshot(name) {
  const r = await cmd("Page.captureScreenshot", {format: "png", captureBeyondViewport: true});
  const path = join(shots, name);
  writeFileSync(path, Buffer.from(r.data, "base64"));
  ok("screenshot " + path);
}
// Type into a field as a user does: focus, select its text, type the new one.
async function typeInto(selector, text) {
  await evaluate(`(() => { const i = document.querySelector(${JSON.stringify(selector)});
                           i.focus(); i.select(); return true; })()`);
  await cmd("Input.insertText", {text});
}
// The numbers of a table cell's text ("87.1 % [84.9, 89.1]" -> [87.1, 84.9, 89.1]).
const numbersOf = (t) => (t.match(/-?\d[\d,]*(\.\d+)?/g) || []).map((x) => Number(x.replace(/,/g, "")));
const rendered = async () => Number(await evaluate("document.body.dataset.rendered || 0"));

async function main() {
  const {targetId} = await send("Target.createTarget", {url: "about:blank"});
  ({sessionId: session} = await send("Target.attachToTarget", {targetId, flatten: true}));
  await cmd("Page.enable");
  await cmd("Runtime.enable");
  await cmd("Emulation.setDeviceMetricsOverride", {width: 1400, height: 1900, deviceScaleFactor: 1, mobile: false});
  await cmd("Page.navigate", {url});

  // 1. the first run
  await waitFor("document.body.dataset.rendered", "the first result");
  const first = await evaluate(`document.querySelector("#verdicts tr:nth-child(2)").innerText`);
  if (!/phone/.test(first)) fail("the first goal row is not phone: " + first);
  await screenshot("serve-1-first-run.png");

  // 2. voice_team at 80 % of its plan, typed
  const before = await rendered();
  await typeInto('#side-a .f-gpct[data-g="0"]', "80");
  await waitFor(`Number(document.body.dataset.rendered) > ${before}`, "the run after the change");
  const shown = await evaluate(`Array.from(document.querySelectorAll("#verdicts tr")).slice(1).map(r => Array.from(r.cells).map(c => c.innerText))`);
  const sent = await evaluate(`JSON.stringify(sideDoc("a").doc)`);
  const answer = await evaluate(`JSON.stringify(window.lastAnswer)`);
  const reps = await evaluate(`document.getElementById("reps").value`);
  const seed = await evaluate(`document.getElementById("seed").value`);
  const doc = JSON.parse(sent);
  const plan = JSON.parse(await evaluate("base.document")).groups[0].agents_per_interval;
  const want = plan.map((v) => (v > 0 ? Math.round(v * 0.8) : v));
  if (JSON.stringify(doc.groups[0].agents_per_interval) !== JSON.stringify(want))
    fail("the document sent does not hold 80 % of voice_team's plan");
  const file = join(work, "changed.json");
  writeFileSync(file, sent);
  const runJson = JSON.parse(execFileSync(omnisim, ["run", file, "-s", seed, "-r", reps, "-q",
    "--no-plots", "--json", "-o", join(work, "run")], {maxBuffer: 1 << 26}).toString());
  const pageKpis = JSON.parse(answer).summary.kpis;
  const differ = Object.keys(runJson.kpis).filter((k) => JSON.stringify(runJson.kpis[k]) !== JSON.stringify(pageKpis[k]));
  if (differ.length) fail("the page's answer differs from omnisim run in " + differ.length + " KPIs, e.g. " + differ[0]);
  else ok(`the page's answer = omnisim run ${file} -s ${seed} -r ${reps}: ${Object.keys(runJson.kpis).length} KPIs identical`);
  // what is shown is those numbers, rounded for reading
  const failedBefore = failures;
  for (const [name, goal, sl] of shown) {
    const k = runJson.kpis["channel." + name + ".service_level_per_answered_abandoned"];
    const [m, lo, hi] = numbersOf(sl);
    const near = (x, y) => Math.abs(x - 100 * y) <= 0.051;
    if (!k || !near(m, k.mean) || !near(lo, Math.max(0, k.lo)) || !near(hi, Math.min(1, k.hi)))
      fail(`${name}: the page shows "${sl}", omnisim run gives ${k && k.mean} [${k && k.lo}, ${k && k.hi}]`);
  }
  if (failures === failedBefore) ok(`the goal table shows omnisim run's service levels: ${shown.map((r) => r[0] + " " + r[2] + " " + r[3]).join("; ")}`);
  const phone = shown.find((r) => r[0] === "phone");
  if (!phone || !/missed/.test(phone[3])) fail("phone at 80 % of its agents should miss its goal: " + (phone && phone[3]));
  await screenshot("serve-2-fewer-agents.png");

  // 2b. chat at 150 % of its first contacts (demand by segment): every segment's volume of
  // needs choosing chat x 1.5, every other channel's unchanged, and the loader accepts it
  const r0 = await rendered();
  await typeInto('#side-a .f-chpref[data-name="chat"]', "150");
  await waitFor(`Number(document.body.dataset.rendered) > ${r0}`, "the run after chat's change");
  const baseSeg = JSON.parse(await evaluate("base.document"));
  const newSeg = JSON.parse(await evaluate(`JSON.stringify(sideDoc("a").doc)`));
  let worst = 0;
  baseSeg.segments.forEach((g, k) => {
    for (const [c, p] of Object.entries(g.preference)) {
      const want = baseSeg.demand.daily_volume * g.share * p * (c === "chat" ? 1.5 : 1);
      const got = newSeg.demand.daily_volume * newSeg.segments[k].share * newSeg.segments[k].preference[c];
      worst = Math.max(worst, Math.abs(got - want) / Math.max(1e-9, want || 1));
    }
  });
  if (!(worst < 1e-9)) fail("chat x 1.5: the segments' first contacts per channel are off by " + worst);
  else ok("chat at 150 %: every segment's first contacts choosing chat x 1.5, the others unchanged (rel. error " + worst.toExponential(1) + ")");
  await typeInto('#side-a .f-chpref[data-name="chat"]', "100");

  // 3. an invalid value: the loader's message with the JSON path, on the page
  await typeInto('#side-a .f-thr[data-ch="0"]', "-5");
  await waitFor(`document.body.dataset.refused`, "the refusal");
  const errText = await evaluate(`document.getElementById("errors").innerText`);
  if (!/channels\[0\]\.service_level\.threshold_s/.test(errText)) fail("the error box lacks the path: " + errText);
  else ok("an invalid threshold shows: " + errText.replace(/\s+/g, " ").trim());
  await screenshot("serve-3-invalid.png");
  await typeInto('#side-a .f-thr[data-ch="0"]', "20");
  await waitFor(`document.getElementById("errors").hidden`, "the error box to go");

  // 4. compare: B with voice_team back at 100 %: phone's service level rises, significant
  const b0 = await rendered();
  await evaluate(`document.getElementById("compare").click()`);
  await waitFor(`Number(document.body.dataset.rendered) > ${b0} && !document.getElementById("diffcard").hidden`, "the compare result");
  const b1 = await rendered();
  await typeInto('#side-b .f-gpct[data-g="0"]', "100");
  await waitFor(`Number(document.body.dataset.rendered) > ${b1}`, "the compare result after B's change");
  const row = await evaluate(`(document.querySelector('#diffs tr[data-kpi="channel.phone.service_level_per_answered_abandoned"]') || {}).innerText`);
  const diffs = JSON.parse(await evaluate(`JSON.stringify(window.lastAnswer.differences)`));
  const d = diffs.find((x) => x.kpi === "channel.phone.service_level_per_answered_abandoned");
  if (!d || !(d.lo > 0) || !d.significant || !/significant/.test(row || ""))
    fail("compare: phone's service level B - A should be significantly positive: " + row);
  else ok("compare: " + row.replace(/\s+/g, " "));
  await screenshot("serve-4-compare.png");
}

main().catch((e) => fail(String(e && e.stack || e))).finally(async () => {
  try { await send("Browser.close"); } catch (e) { /* already gone */ }
  browser.kill("SIGKILL");
  await new Promise((r) => (browser.exitCode !== null ? r() : browser.once("exit", r)));
  try { rmSync(profile, {recursive: true, force: true}); } catch (e) { /* best effort */ }
  process.exit(failures ? 1 : 0);
});
