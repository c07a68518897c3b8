// Kiosk mode in the browser: staff make the device a kiosk, two voters vote in a row (the first
// answers the voluntary questions after the cast, the second skips them), and the second sees
// nothing of the first (no name, no ticked choice); every kiosk page passes axe. A partner
// association sees its groups' figures and records its outreach.
import { open, checkA11y, settled, submit, assert } from './helpers.mjs';
import { logIn, freshEmail } from './session.mjs';

const expect422 = { allowStatus: [422] };
const ROUND = 'tryggare-parker-2026';

/** Staff let `email` in; the voter answers the round's eligibility questions and votes for
 * the project in row `row`, then answers the voluntary questions (`answer`) or skips them.
 * Returns the title voted for. */
async function vote(t, page, email, row, answer) {
  await page.fill('#email', email);
  await page.fill('#pin', '8642');
  await page.selectOption('#id_document', 'passport');
  await Promise.all([page.waitForURL(`**/rounds/${ROUND}/vote`), page.click('button >> text=Släpp in den röstande')]);
  await settled(t, page);
  await page.locator('#birth_year').waitFor();
  await page.fill('#birth_year', '1970');
  await page.selectOption('#home_area', { index: 2 });
  await Promise.all([page.waitForResponse(() => true), page.click('button >> text=Spara svaren')]);
  await page.waitForFunction(() => !document.querySelector('#birth_year'));
  await settled(t, page);
  const boxes = page.locator('.ballot-list input[type=checkbox]');
  for (const box of await boxes.all()) assert.equal(await box.isChecked(), false, 'nothing is ticked for a new voter');
  assert.match(await page.locator('header').innerText(), new RegExp(email.replace(/[.+]/g, '\\$&')));
  await checkA11y(t, page, 'ballot page at the kiosk');
  const title = await page.locator('.ballot-list__title').nth(row).innerText();
  await boxes.nth(row).check();
  await Promise.all([page.waitForURL('**/kiosk/questions'), page.click('button >> text=Rösta')]);
  await settled(t, page);
  await page.locator('#questions-heading').waitFor();
  const asked = await page.locator('main').innerText();
  assert.match(asked, /Vill du berätta lite om dig själv/);
  assert.ok(!asked.includes(title), 'the ballot is not shown on the shared device');
  await checkA11y(t, page, 'voluntary questions at the kiosk');
  if (answer) {
    await page.selectOption('#age', '16-19');
    await page.selectOption('#born', 'abroad');
    await Promise.all([page.waitForURL('**/kiosk?voted=1'), page.click('button >> text=Skicka svaren')]);
  } else {
    await Promise.all([page.waitForURL('**/kiosk?voted=1'), page.click('button >> text=Hoppa över frågorna')]);
  }
  await settled(t, page);
  return title;
}

export const specs = [
  {
    name: 'kiosk mode: two voters in a row, and the second sees nothing of the first',
    async run(t) {
      const { page } = await logIn(t, 'personal.stadsmiljo@exempelkommun.se', undefined, expect422);
      await open(t, `/staff/rounds/${ROUND}/ballots`, page, expect422);
      await page.fill('#place', 'Stadsbiblioteket');
      await page.fill('#pin', '8642');
      await Promise.all([page.waitForURL('**/kiosk'), page.click('button >> text=Starta kioskläget')]);
      await settled(t, page);
      assert.match(await page.locator('main').innerText(), /Stadsbiblioteket/);
      assert.doesNotMatch(await page.locator('header').innerText(), /personal\.stadsmiljo/, 'staff are signed out');
      await checkA11y(t, page, 'kiosk page');

      const first = freshEmail(t);
      const chosen = await vote(t, page, first, 0, true);
      await page.locator('main .notice--success').waitFor();
      const between = await page.locator('body').innerText();
      assert.match(between, /Rösten är registrerad/);
      assert.ok(!between.includes(first) && !between.includes(chosen), 'the kiosk page shows nothing of the voter');
      await checkA11y(t, page, 'kiosk page after a vote');

      const second = freshEmail(t);
      await vote(t, page, second, 1, false);
      await page.locator('main .notice--success').waitFor();
      assert.ok(!(await page.locator('body').innerText()).includes(second));

      // Only staff, with the PIN, end the kiosk.
      await page.click('summary >> text=avsluta kioskläget');
      await page.fill('#end_pin', '8642');
      await Promise.all([page.waitForURL('**/kiosk?ended=1'), page.click('button >> text=Avsluta kioskläget')]);
      await settled(t, page);
      assert.match(await page.locator('main').innerText(), /Kioskläget är avslutat/);
    },
  },
  {
    name: 'a partner association sees only its groups, and records its outreach',
    async run(t) {
      const { page } = await logIn(t, 'forening@exempelkommun.se', undefined, expect422);
      await Promise.all([page.waitForURL('**/partner'), page.click('a[href="/partner"]')]);
      await settled(t, page);
      await page.locator('main .lead').waitFor();
      assert.match(await page.locator('main').innerText(), /Mötesplats Norr arbetar med: 16-19 år, 20-29 år, Född utomlands/);
      await checkA11y(t, page, 'partner start page');
      await Promise.all([
        page.waitForURL(`**/partner/rounds/${ROUND}/participation`),
        page.click(`a[href="/partner/rounds/${ROUND}/participation"]`),
      ]);
      await settled(t, page);
      await page.locator('main table').first().waitFor();
      const rows = await page.locator('main table th[scope=row]').allInnerTexts();
      assert.ok(rows.length > 0, 'the figures of its groups');
      assert.deepEqual([...new Set(rows)].sort(), ['16-19 år', '20-29 år', 'Född utomlands'], 'and only those');
      assert.doesNotMatch(await page.locator('main').innerText(), /personer har svarat/);
      await checkA11y(t, page, 'partner dashboard');
      await page.fill('#day', '2026-11-30');
      await page.fill('#place', '');
      await page.selectOption('#group', 'born:abroad');
      await submit(t, page, 'button >> text=Spara insatsen');
      await page.locator('#place-error').waitFor();
      await checkA11y(t, page, 'partner outreach form with error');
      const place = `Läxhjälpen ${t.js ? 'js' : 'nojs'}`;
      await page.fill('#place', place);
      await Promise.all([page.waitForURL(/outreach=1/), page.click('button >> text=Spara insatsen')]);
      await settled(t, page);
      await page.waitForFunction((p) => document.querySelector('#own-outreach-heading')?.parentElement.innerText.includes(p), place);
    },
  },
];
