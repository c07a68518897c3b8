// The display modes: high contrast with large text (chosen on the display page, kept in a
// cookie) and right-to-left Arabic; axe must find nothing in either, on the main pages and
// through the whole voting flow.
import fs from 'node:fs';
import { open, checkA11y, settled, assert } from './helpers.mjs';
import { logIn, freshEmail } from './session.mjs';

const ar = JSON.parse(fs.readFileSync(new URL('../app/locales/ar.json', import.meta.url), 'utf8'));
const expect422 = { allowStatus: [422] };

export const specs = [
  {
    name: 'the easy-read page and the evaluation of participation pass axe, linked from every page',
    async run(t) {
      const { page } = await open(t, '/');
      await Promise.all([page.waitForURL('**/easy-read'), page.click('footer a >> text=Lättläst')]);
      await settled(t, page);
      assert.match(await page.locator('h1').innerText(), /lättläst/i);
      assert.ok(await page.locator('main h2').count() >= 8, 'one heading per question');
      await checkA11y(t, page, 'easy-read page');
      await open(t, '/en/easy-read', page);
      await checkA11y(t, page, 'easy-read page (en)');
      const { page: report } = await open(t, '/rounds/fritidsgardar-2026/participation');
      assert.match(await report.locator('h1').innerText(), /Vilka deltog/);
      await report.selectOption('#area', { index: 1 });
      await Promise.all([report.waitForURL(/area=/), report.click('form.filters button')]);
      await settled(t, report);
      await checkA11y(t, report, 'evaluation of participation for one area');
      const csv = await report.request.get('/rounds/fritidsgardar-2026/participation.csv');
      assert.equal(csv.status(), 200);
      assert.match(await csv.text(), /^area,slice,question,group,participants,suppressed/);
    },
  },
  {
    name: 'high contrast and large text hold on every page, and the pages pass axe in that mode',
    async run(t) {
      const { page } = await open(t, '/display');
      await checkA11y(t, page, 'display page');
      await page.check('#contrast-high');
      await page.check('#text-large');
      await Promise.all([page.waitForURL(/saved=1/), page.click('form button[type=submit]')]);
      await settled(t, page);
      assert.equal(await page.getAttribute('html', 'data-contrast'), 'high');
      assert.equal(await page.getAttribute('html', 'data-text'), 'large');
      assert.ok(await page.isChecked('#contrast-high'), 'the choice is shown as chosen');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, 'rgb(0, 0, 0)');
      const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
      assert.equal(size, '20px', 'text a quarter larger');
      await checkA11y(t, page, 'display page, high contrast');
      for (const path of ['/', '/rounds/tryggare-parker-2026', '/rounds/tryggare-parker-2026/proposals',
        '/rounds/fritidsgardar-2026/results', '/projects', '/login', '/en/rounds/tryggare-parker-2026', '/easy-read', '/rounds/fritidsgardar-2026/participation']) {
        await open(t, path, page);
        assert.equal(await page.getAttribute('html', 'data-contrast'), 'high', path);
        await checkA11y(t, page, `${path}, high contrast`);
      }
      // Back to normal.
      await open(t, '/display', page);
      await page.check('#contrast-normal');
      await page.check('#text-normal');
      await Promise.all([page.waitForURL(/saved=1/), page.click('form button[type=submit]')]);
      await settled(t, page);
      assert.equal(await page.getAttribute('html', 'data-contrast'), 'normal');
    },
  },
  {
    name: 'the voting flow in Arabic runs right to left and passes axe',
    async run(t) {
      const { page: home } = await open(t, '/ar');
      assert.equal(await home.getAttribute('html', 'lang'), 'ar');
      assert.equal(await home.getAttribute('html', 'dir'), 'rtl');
      assert.equal(await home.locator('a[hreflang=sv]').innerText(), 'Svenska');
      await checkA11y(t, home, 'start page (ar)');
      const email = freshEmail(t);
      const { page } = await logIn(t, email, undefined, { ...expect422, path: '/ar/login' });
      await open(t, '/ar/rounds/tryggare-parker-2026', page, expect422);
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      await checkA11y(t, page, 'round page (ar)');
      await open(t, '/ar/rounds/tryggare-parker-2026/vote', page, expect422);
      await page.locator('#birth_year').waitFor();
      assert.ok((await page.locator('h1').innerText()).startsWith('التصويت'), 'the ballot page is in Arabic');
      await checkA11y(t, page, 'ballot page asking for eligibility (ar)');
      await page.fill('#birth_year', '1985');
      await page.selectOption('#home_area', { index: 2 });
      await Promise.all([page.waitForResponse(() => true), page.click(`button >> text=${ar.vote.profile_submit}`)]);
      await page.waitForFunction(() => !document.querySelector('#birth_year'));
      await settled(t, page);
      await checkA11y(t, page, 'ballot page (ar)');
      await page.click(`button >> text=${ar.vote.submit}`);
      await page.locator('.error-summary').waitFor();
      await checkA11y(t, page, 'ballot page with error (ar)');
      await page.locator('.ballot-list input[type=checkbox]').first().check();
      await Promise.all([page.waitForURL('**/ar/rounds/tryggare-parker-2026/vote/receipt'), page.click(`button >> text=${ar.vote.submit}`)]);
      await settled(t, page);
      // After a client-side navigation the receipt arrives with its data: wait for it (the
      // wait fails the spec when it never comes).
      await page.locator('main').filter({ hasText: new RegExp(ar.vote.receipt_lead.slice(0, 10)) }).waitFor();
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      await checkA11y(t, page, 'receipt page with the questions (ar)');
    },
  },
];
