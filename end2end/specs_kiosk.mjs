// Kiosk mode in the browser: staff make the device a kiosk, two voters vote in a row, and the
// second sees nothing of the first (no name, no ticked choice); every kiosk page passes axe.
import { open, checkA11y, settled, assert } from './helpers.mjs';
import { logIn, freshEmail } from './session.mjs';

const expect422 = { allowStatus: [422] };
const ROUND = 'tryggare-parker-2026';

/** Staff let `email` in; the voter answers the round's eligibility questions and votes for
 * the project in row `row`. Returns the title voted for. */
async function vote(t, page, email, row) {
  await page.fill('#email', email);
  await page.fill('#pin', '8642');
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
  await Promise.all([page.waitForURL('**/kiosk?voted=1'), page.click('button >> text=Rösta')]);
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
      const chosen = await vote(t, page, first, 0);
      await page.locator('main .notice--success').waitFor();
      const between = await page.locator('body').innerText();
      assert.match(between, /Rösten är registrerad/);
      assert.ok(!between.includes(first) && !between.includes(chosen), 'the kiosk page shows nothing of the voter');
      await checkA11y(t, page, 'kiosk page after a vote');

      const second = freshEmail(t);
      await vote(t, page, second, 1);
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
];
