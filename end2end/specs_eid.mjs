// Swedish eID in the browser, against the local OpenID provider that ./test.sh starts
// (.ci/eid_provider.sh, provider "testid"): a resident proves who they are and votes, with the
// birth year taken from their identity number; a token that fails its checks ends on a page
// that says why. The start address is the link an eID round's ballot offers (the demo's rounds
// verify by email, so it is opened directly here; the HTTP tests cover the eID round).
import { open, checkA11y, settled, assert } from './helpers.mjs';
import { logIn, freshEmail } from './session.mjs';

const ROUND = '/rounds/tryggare-parker-2026';
// The provider's pages have no favicon (404 in the console of the page that visits them).
const expected = { allowStatus: [404, 422] };

/** At the provider's page, signs in as test person `person` and waits to be back. */
async function atProvider(page, person, back) {
  await page.locator(`a >> text="${person}"`).waitFor();
  await Promise.all([page.waitForURL(back), page.click(`a >> text="${person}"`)]);
}

export const specs = [
  {
    name: 'a resident proves who they are with eID and votes; a token that fails its checks says why',
    async run(t) {
      // One identity per run: the two runs share the database, and one person is one account.
      const person = t.js ? 'anna' : 'bertil';
      const born = t.js ? '1990' : '1981';
      const { page } = await logIn(t, freshEmail(t), undefined, expected);
      await page.goto(`/auth/eid/testid/start?return=${encodeURIComponent(`${ROUND}/vote`)}`);
      await atProvider(page, person, `**${ROUND}/vote`);
      await settled(t, page);
      // The birth year comes from the number: shown, not asked.
      await page.locator('#home_area').waitFor();
      assert.equal(await page.locator('#birth_year').count(), 0, 'the birth year is not asked');
      assert.match(await page.locator('main').innerText(), new RegExp(`Födelseår ${born}`));
      await checkA11y(t, page, 'ballot page after eID');
      await page.selectOption('#home_area', { index: 2 });
      await Promise.all([page.waitForResponse(() => true), page.click('button >> text=Spara svaren')]);
      await page.waitForFunction(() => !document.querySelector('#home_area'));
      await settled(t, page);
      await page.locator('.ballot-list input[type=checkbox]').first().check();
      await Promise.all([page.waitForURL('**/vote/receipt'), page.click('button >> text=Rösta')]);
      await settled(t, page);
      await checkA11y(t, page, 'receipt after an eID vote');

      // A token signed for the wrong nonce: refused, nobody new signed in, the page says why.
      const other = await t.browser.newContext({ baseURL: t.baseURL, javaScriptEnabled: t.js, locale: 'sv-SE' });
      const fresh = await other.newPage();
      await fresh.goto('/auth/eid/testid/start?return=/');
      await atProvider(fresh, 'wrongnonce', '**/login/eid?result=token');
      await settled(t, fresh);
      assert.match(await fresh.locator('main .notice--error').innerText(), /kunde inte kontrolleras/);
      assert.equal(await fresh.locator('text=Inloggad som').count(), 0, 'nobody is signed in');
      await checkA11y({ ...t, context: other }, fresh, 'eID refusal page');
      await other.close();
    },
  },
  {
    name: 'staff import an electoral roll: bad lines are named, a good file is counted, and it can be removed',
    async run(t) {
      const slug = 'unga-i-centrum-2027';
      const { page } = await logIn(t, 'personal.kultur@exempelkommun.se', undefined, expected);
      await open(t, `/staff/rounds/${slug}`, page, expected);
      await checkA11y(t, page, 'staff round page with the roll panel');
      const upload = async (text, url) => {
        await page.setInputFiles('#roll-file', { name: 'rostlangd.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
        await Promise.all([page.waitForURL(url), page.click('button >> text=Importera röstlängd')]);
        await settled(t, page);
      };
      await upload('personnummer\n199001012385\n19900101-2386\n', /roll_error=roll_bad_lines/);
      assert.match(await page.locator('#roll-error').innerText(), /ingenting importerades/);
      assert.match(await page.locator('#roll-lines').innerText(), /Rad 3: Personnumrets sista siffra/);
      assert.equal(await page.locator('#roll-file').getAttribute('aria-invalid'), 'true');
      await checkA11y(t, page, 'roll with bad lines');

      await upload('personnummer\n199001012385\n198112289874\n', /roll_imported=2/);
      await page.locator('[data-roll-count="2"]').waitFor();
      const round = await open(t, `/rounds/${slug}`, undefined, expected);
      await round.page.locator('[data-residence="roll"]').waitFor();
      await round.page.close();

      // Removed again: the demo round keeps declared residence for the other specs.
      await Promise.all([page.waitForURL(/roll_cleared=1/), page.click('button >> text=Ta bort röstlängden')]);
      await settled(t, page);
      await page.locator('[data-roll-count="0"]').waitFor();
      await checkA11y(t, page, 'roll removed');
    },
  },
];
