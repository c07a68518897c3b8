// Shared steps of the browser specs: opening a page, checking accessibility with axe, reading
// the newest mail from the development mail page.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

/** Opens `path`, waits for hydration when JS is on, and returns the page. */
/**
 * `allowStatus`: HTTP statuses this page is expected to meet (a 404 page, a 422 answer to bad
 * form input); the browser logs those as console errors, which are otherwise failures.
 */
export async function open(t, path, page, { allowStatus = [] } = {}) {
  page ??= await t.context.newPage();
  if (t.js) page.on('pageerror', (err) => t.problems.push(`page error on ${path}: ${err.message}`));
  if (t.js) {
    page.on('console', (msg) => {
      const expected = allowStatus.some((status) => msg.text().includes(`status of ${status}`));
      if (msg.type() === 'error' && !expected) t.problems.push(`console error on ${path}: ${msg.text()} (${msg.location()?.url ?? ''})`);
    });
  }
  const response = await page.goto(path);
  await settled(t, page);
  return { page, response };
}

/** Waits until the page is ready: loaded, and hydrated when JS runs. */
export async function settled(t, page) {
  await page.waitForLoadState('load');
  if (t.js) await page.waitForFunction(() => document.body.dataset.hydrated === 'true', null, { timeout: 15000 });
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA rules) on what the page shows now. Without JS, axe cannot be
 * injected into the page itself, so the same URL is opened in a JS-enabled context whose app
 * scripts are blocked: axe then sees exactly the server-rendered HTML.
 */
export async function checkA11y(t, page, label) {
  let target = page;
  let scratch;
  if (!t.js) {
    scratch = await t.browser.newContext({ baseURL: t.baseURL });
    await scratch.route('**/pkg/**', (route) => (route.request().resourceType() === 'stylesheet' ? route.continue() : route.abort()));
    await scratch.addCookies(await t.context.cookies());
    target = await scratch.newPage();
    await target.goto(page.url());
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  if (scratch) await scratch.close();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${label ?? page.url()}`);
}

/** Submits the form that contains `selector` by clicking its submit button, and waits. */
export async function submit(t, page, buttonSelector) {
  await Promise.all([
    t.js ? page.waitForResponse(() => true) : page.waitForNavigation(),
    page.click(buttonSelector),
  ]);
  await page.waitForLoadState('load');
}

/** The newest login link sent to `email`, read from the development mail page. */
export async function latestLoginLink(t, email) {
  const page = await t.context.newPage();
  for (let i = 0; i < 50; i += 1) {
    await page.goto('/dev/mail');
    const card = page.locator('li.mail', { hasText: email }).first();
    if (await card.count()) {
      const href = await card.locator('a.mail__link').first().getAttribute('href');
      if (href) {
        await page.close();
        return href;
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no login mail for ${email}`);
}

export { assert };
