// Browser tests for medborgarbudget in Debian's Chromium, each run twice: with JavaScript
// (hydrated app) and without (plain server-rendered HTML and form posts). axe-core checks
// every page visited for WCAG 2.1 AA violations. Prints "N passed, N failed" and exits non-zero
// on any failure.
import { chromium } from 'playwright-core';
import { specs as core } from './specs.mjs';
import { specs as feedback } from './specs_feedback.mjs';
import { specs as modes } from './specs_modes.mjs';
import { specs as kiosk } from './specs_kiosk.mjs';
import { specs as eid } from './specs_eid.mjs';

// SPECS=<regular expression> runs only the specs whose name matches (while developing one).
const only = process.env.SPECS ? new RegExp(process.env.SPECS) : null;
const specs = [...core, ...feedback, ...modes, ...kiosk, ...eid].filter((spec) => !only || only.test(spec.name));

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// cargo-leptos starts the server just before this script: wait until it answers.
for (let i = 0; ; i += 1) {
  try {
    const res = await fetch(`${BASE_URL}/healthz`);
    if (res.ok) break;
  } catch { /* not up yet */ }
  if (i > 600) throw new Error(`server at ${BASE_URL} did not come up`);
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let passed = 0;
let failed = 0;
for (const js of [true, false]) {
  for (const spec of specs) {
    const name = `${spec.name} [${js ? 'js' : 'no-js'}]`;
    const context = await browser.newContext({ baseURL: BASE_URL, javaScriptEnabled: js, locale: 'sv-SE' });
    const problems = [];
    const started = Date.now();
    try {
      await spec.run({ context, js, browser, baseURL: BASE_URL, problems });
      if (problems.length) throw new Error(problems.join('\n'));
      passed += 1;
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed += 1;
      console.log(`FAIL ${name}\n     ${String(err?.stack ?? err).split('\n').join('\n     ')}`);
    } finally {
      await context.close();
    }
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
