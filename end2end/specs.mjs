// The browser specs. Each gets a fresh browser context; `t.js` says whether JavaScript runs.
import { open, checkA11y, submit, latestLoginLink, settled, assert } from './helpers.mjs';
import { logIn, freshEmail } from './session.mjs';


export const specs = [
  {
    name: 'the start page is Swedish, lists the demo rounds and passes axe',
    async run(t) {
      const { page, response } = await open(t, '/');
      assert.equal(response.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      assert.match(await page.locator('h1').innerText(), /Medborgarbudget/);
      assert.ok(await page.locator('.card-list .card').count() >= 3, 'demo rounds are listed');
      assert.ok(await page.locator('a.skip-link[href="#main"]').count() === 1, 'skip link');
      await checkA11y(t, page, 'start page (sv)');
    },
  },
  {
    name: 'the language switch leads to the English page and back',
    async run(t) {
      const { page } = await open(t, '/');
      await Promise.all([page.waitForURL((url) => url.pathname === '/en'), page.click('a[hreflang=en]')]);
      await settled(t, page);
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.match(await page.locator('h1').innerText(), /Citizens' budget/);
      await checkA11y(t, page, 'start page (en)');
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('a[hreflang=sv]')]);
      await page.waitForFunction(() => document.documentElement.lang === 'sv');
    },
  },
  {
    name: 'an invalid email gets a Swedish error at the field and keeps what was typed',
    async run(t) {
      const { page } = await open(t, '/login', undefined, { allowStatus: [422] });
      await checkA11y(t, page, 'login page');
      await page.fill('#email', 'inte-en-adress');
      await submit(t, page, 'form button[type=submit]');
      const error = page.locator('#email-error');
      await error.waitFor();
      assert.match(await error.innerText(), /ser inte rätt ut/);
      assert.equal(await page.inputValue('#email'), 'inte-en-adress');
      assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
      assert.match(await page.getAttribute('#email', 'aria-describedby'), /email-error/);
      await checkA11y(t, page, 'login page with error');
    },
  },
  {
    name: 'a resident logs in with the emailed link, sees the mail page, and logs out',
    async run(t) {
      const email = freshEmail(t);
      const { page: sent } = await open(t, '/login');
      await sent.fill('#email', email);
      await submit(t, sent, 'form button[type=submit]');
      await sent.waitForURL('**/login/sent');
      await checkA11y(t, sent, 'login link sent');
      const mailPage = (await open(t, '/dev/mail')).page;
      assert.ok(await mailPage.locator('li.mail', { hasText: email }).count() >= 1, 'the mail is listed');
      await checkA11y(t, mailPage, 'dev mail page');
      const { page } = await logIn(t, email, undefined, { a11y: true });
      await page.locator('.nav__user').waitFor();
      assert.match(await page.locator('.nav__user').innerText(), new RegExp(email.replace('.', '\\.')));
      await checkA11y(t, page, 'start page signed in');
      await submit(t, page, '.nav form button[type=submit]');
      await page.locator('a[href="/login"]').first().waitFor();
      assert.equal(await page.locator('.nav__user').count(), 0);
    },
  },
  {
    name: 'a login link works once; the second use explains it was used',
    async run(t) {
      const email = freshEmail(t);
      const { link } = await logIn(t, email);
      const other = await t.browser.newContext({ baseURL: t.baseURL, javaScriptEnabled: t.js });
      try {
        const page = await other.newPage();
        await page.goto(link);
        await page.locator('.notice--error').waitFor();
        assert.match(await page.locator('.notice--error').innerText(), /redan använts/);
        await checkA11y({ ...t, context: other }, page, 'used login link page');
        assert.equal((await other.cookies()).filter((c) => c.name === 'mb_session').length, 0);
      } finally {
        await other.close();
      }
    },
  },
  {
    name: 'the first administrator sees the accounts; a visitor is asked to log in',
    async run(t) {
      const refused = await open(t, '/admin/accounts', undefined, { allowStatus: [401] });
      assert.equal(refused.response.status(), 401);
      assert.match(await refused.page.locator('.notice--error').innerText(), /logga in/);
      await checkA11y(t, refused.page, 'accounts page, signed out');
      const { page } = await logIn(t, process.env.MEDBORGARBUDGET_ADMIN_EMAIL ?? 'admin@exempelkommun.se');
      await Promise.all([page.waitForURL('**/admin/accounts'), page.click('a[href="/admin/accounts"]')]);
      await settled(t, page);
      await page.locator('table.table').first().waitFor();
      assert.match(await page.locator('table.table').first().innerText(), /admin/);
      await checkA11y(t, page, 'accounts page');
    },
  },
  {
    name: 'the accessibility statement and a missing page pass axe',
    async run(t) {
      const { page } = await open(t, '/accessibility');
      assert.match(await page.locator('h1').innerText(), /Tillgänglighetsredogörelse/);
      await checkA11y(t, page, 'accessibility statement');
      const missing = await open(t, '/finns-inte', undefined, { allowStatus: [404] });
      assert.equal(missing.response.status(), 404);
      assert.match(await missing.page.locator('h1').innerText(), /Sidan finns inte/);
      await checkA11y(t, missing.page, '404 page');
    },
  },
  {
    name: 'a resident finds their data in the header, downloads it, is stopped without the box ticked, and erases the account',
    async run(t) {
      const email = freshEmail(t);
      const expect422 = { allowStatus: [422] };
      const { page } = await logIn(t, email, undefined, expect422);
      await Promise.all([page.waitForURL('**/account'), page.click('a[href="/account"]')]);
      await settled(t, page);
      assert.match(await page.locator('h1').innerText(), /Dina uppgifter/);
      await checkA11y(t, page, 'account page');
      const data = await page.request.get('/account/data.json');
      assert.equal(data.status(), 200);
      assert.equal((await data.json()).account.email, email);
      // Without the box ticked: the reason at the box, nothing erased.
      await submit(t, page, 'form button.button--danger');
      await page.locator('#confirm-error').waitFor();
      await checkA11y(t, page, 'account page with an error');
      await page.check('#confirm');
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('erased') === '1'),
        page.click('form button.button--danger'),
      ]);
      await settled(t, page);
      assert.match(await page.locator('.notice--success').innerText(), /raderat/);
      const sessions = (await t.context.cookies()).filter((c) => c.name === 'mb_session' && c.value);
      assert.equal(sessions.length, 0);
    },
  },
  {
    name: 'a full round: staff create it, a resident proposes, staff review, the proposer is told, the list shows why',
    async run(t) {
      const staffContext = await t.browser.newContext({ baseURL: t.baseURL, javaScriptEnabled: t.js, locale: 'sv-SE' });
      const staffT = { ...t, context: staffContext };
      try {
        // Staff create a round and open it for proposals.
        // Form errors answer 422 to the hydrated page's fetch; the browser logs them.
        const expect422 = { allowStatus: [422] };
        const { page: staff } = await logIn(t, 'personal.stadsmiljo@exempelkommun.se', staffContext, expect422);
        await open(staffT, '/staff', staff, expect422);
        await checkA11y(staffT, staff, 'staff page');
        await open(staffT, '/staff/new-round', staff, expect422);
        await checkA11y(staffT, staff, 'new round form');
        const title = `Gröna gårdar ${Date.now()} ${t.js ? 'js' : 'nojs'}`;
        await staff.fill('#title_sv', title);
        await staff.fill('#summary_sv', 'Förslag som gör bostadsgårdarna grönare.');
        await staff.fill('#budget_total', '300 000');
        await Promise.all([staff.waitForURL(/\/staff\/rounds\/[^/?]+\?saved=1/), staff.click('form button.button >> text=Spara omgången')]);
        await settled(staffT, staff);
        const slug = new URL(staff.url()).pathname.split('/').pop();
        await checkA11y(staffT, staff, 'staff round page');
        for (const phase of ['information', 'proposals']) {
          await staff.selectOption('#to', phase);
          await Promise.all([staff.waitForURL(/moved=1/), staff.click('button >> text=Byt fas')]);
          await settled(staffT, staff);
          await staff.waitForFunction((p) => document.body.innerText.includes(p), phase === 'proposals' ? 'Nuvarande fas: Förslag lämnas' : 'Nuvarande fas: Information');
        }
        // A phase move the rules forbid is explained next to the field.
        await staff.selectOption('#to', 'review');
        await Promise.all([staff.waitForURL(/./), staff.click('button >> text=Byt fas')]);
        await staff.locator('#to-error').waitFor();
        assert.match(await staff.locator('#to-error').innerText(), /inga förslag har skickats in/);

        // A resident proposes, first with a mistake.
        const email = freshEmail(t);
        const { page } = await logIn(t, email, undefined, expect422);
        await open(t, `/rounds/${slug}`, page, expect422);
        await checkA11y(t, page, 'round page');
        await open(t, `/rounds/${slug}/propose`, page, expect422);
        await checkA11y(t, page, 'proposal form');
        await page.fill('#description', 'Ljus längs gångvägen mellan husen.');
        await page.fill('#cost', '-100');
        await page.click('button[value=submit]');
        await page.locator('#title-error').waitFor();
        assert.match(await page.locator('#title-error').innerText(), /Skriv en rubrik/);
        assert.match(await page.locator('#cost-error').innerText(), /större än noll/);
        assert.equal(await page.inputValue('#description'), 'Ljus längs gångvägen mellan husen.');
        await checkA11y(t, page, 'proposal form with errors');
        const ids = [];
        for (const [name, cost] of [['Belysning på gården', '40 000'], ['Simhall på gården', '250 000']]) {
          await open(t, `/rounds/${slug}/propose`, page, expect422);
          await page.fill('#title', name);
          await page.fill('#description', 'Beskrivning av förslaget.');
          await page.fill('#cost', cost);
          await Promise.all([page.waitForURL(/submitted=1/), page.click('button[value=submit]')]);
          await settled(t, page);
          ids.push(new URL(page.url()).pathname.split('/').pop());
        }
        await checkA11y(t, page, 'proposal page');
        // The author may still edit; a file that is not an image is refused at the field.
        await open(t, `/rounds/${slug}/proposals/${ids[0]}/edit`, page, expect422);
        await checkA11y(t, page, 'proposal edit page');
        await page.setInputFiles('#image', { name: 'bild.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('inte en bild') });
        await Promise.all([page.waitForURL(/image_error=image_type/), page.click('button >> text=Ladda upp bilden')]);
        await settled(t, page);
        assert.match(await page.locator('#image-error').innerText(), /inte en bild i JPEG, PNG eller WebP/);
        await checkA11y(t, page, 'proposal edit page with image error');

        // Staff review: one feasible, one not, with a reason.
        await open(staffT, `/staff/proposals/${ids[0]}/review`, staff, expect422);
        await checkA11y(staffT, staff, 'review page');
        for (const box of await staff.locator('.checkbox input').all()) await box.check();
        await staff.selectOption('#feasibility', 'feasible');
        await staff.fill('#staff_cost', '45000');
        await Promise.all([staff.waitForURL(/reviewed=/), staff.click('button >> text=Spara bedömningen')]);
        await open(staffT, `/staff/proposals/${ids[1]}/review`, staff, expect422);
        await staff.selectOption('#feasibility', 'not_feasible');
        await staff.fill('#reason', 'En simhall ryms inte i budgeten och ger stora driftkostnader.');
        await Promise.all([staff.waitForURL(/reviewed=/), staff.click('button >> text=Spara bedömningen')]);

        // The proposer's mails say the outcome and the reason.
        const mail = await open(t, '/dev/mail');
        const mine = mail.page.locator('li.mail', { hasText: email });
        await mine.first().waitFor();
        const texts = (await mine.allInnerTexts()).join('\n');
        assert.match(texts, /Vi har tagit emot ditt förslag: Belysning på gården/);
        assert.match(texts, /Ditt förslag är bedömt: Simhall på gården/);
        assert.match(texts, /Skäl: En simhall ryms inte i budgeten/);

        // The public list shows both, the rejected one with its reason.
        const visitor = await open(t, `/rounds/${slug}/proposals`);
        const list = await visitor.page.locator('main').innerText();
        assert.match(list, /Belysning på gården/);
        assert.match(list, /Genomförbart/);
        assert.match(list, /Inte genomförbart/);
        assert.match(list, /En simhall ryms inte i budgeten/);
        await checkA11y(t, visitor.page, 'proposal list');
      } finally {
        await staffContext.close();
      }
    },
  },
  {
    name: 'a resident votes with one button, changes the vote, and gets a receipt each time',
    async run(t) {
      const email = freshEmail(t);
      const { page } = await logIn(t, email, undefined, { allowStatus: [422] });
      const round = await open(t, '/rounds/tryggare-parker-2026', page, { allowStatus: [422] });
      await Promise.all([round.page.waitForURL('**/rounds/tryggare-parker-2026/vote'), round.page.click('a.button >> text=Rösta')]);
      await settled(t, page);
      // The round is for people who live or work here: the voter answers first.
      await page.locator('#birth_year').waitFor();
      await checkA11y(t, page, 'ballot page asking for eligibility');
      await page.fill('#birth_year', '1990');
      await page.selectOption('#home_area', { index: 2 });
      await Promise.all([page.waitForResponse(() => true), page.click('button >> text=Spara svaren')]);
      await page.waitForFunction(() => !document.querySelector('#birth_year'));
      await settled(t, page);
      await checkA11y(t, page, 'ballot page');
      const boxes = page.locator('.ballot-list input[type=checkbox]');
      assert.ok(await boxes.count() >= 3, 'the feasible projects are on the ballot');
      // Nothing chosen: the server explains.
      await page.click('button >> text=Rösta');
      await page.locator('.error-summary').waitFor();
      assert.match(await page.locator('.error-summary').innerText(), /Välj minst ett förslag/);
      await checkA11y(t, page, 'ballot page with error');
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      if (t.js) assert.match(await page.locator('.ballot-counter').innerText(), /Du har valt 2 av högst 5/);
      const first = await page.locator('.ballot-list__title').nth(0).innerText();
      const second = await page.locator('.ballot-list__title').nth(1).innerText();
      const third = await page.locator('.ballot-list__title').nth(2).innerText();
      await Promise.all([page.waitForURL('**/vote/receipt'), page.click('button >> text=Rösta')]);
      await settled(t, page);
      await page.waitForFunction((title) => document.querySelector('main').innerText.includes(title), first);
      let receipt = await page.locator('main').innerText();
      assert.ok(receipt.includes(first) && receipt.includes(second), receipt);
      await checkA11y(t, page, 'receipt page');

      // Change the vote: the old choices come back ticked; the new ballot replaces them.
      await Promise.all([page.waitForURL('**/vote'), page.click('a >> text=Ändra din röst')]);
      await settled(t, page);
      await boxes.nth(2).waitFor();
      assert.ok(await boxes.nth(0).isChecked(), 'the cast ballot is shown');
      await boxes.nth(0).uncheck();
      await boxes.nth(1).uncheck();
      await boxes.nth(2).check();
      await Promise.all([page.waitForURL('**/vote/receipt'), page.click('button >> text=Rösta')]);
      await settled(t, page);
      await page.waitForFunction((title) => document.querySelector('main').innerText.includes(title), third);
      receipt = await page.locator('main').innerText();
      assert.ok(receipt.includes(third) && !receipt.includes(first), receipt);

      const mail = await open(t, '/dev/mail');
      const mine = mail.page.locator('li.mail', { hasText: email });
      await mine.first().waitFor();
      const texts = (await mine.allInnerTexts()).join('\n');
      assert.equal((texts.match(/Din röst är registrerad/g) ?? []).length, 2, texts);
      assert.ok(!texts.includes(third) && !texts.includes(first), 'no choice in any mail');
    },
  },
  {
    name: 'a published result explains every project and offers the ballots for recounting',
    async run(t) {
      const { page } = await open(t, '/rounds/fritidsgardar-2026');
      await Promise.all([page.waitForURL('**/results'), page.click('a.button >> text=Resultat')]);
      await settled(t, page);
      await page.locator('table.table tbody tr').first().waitFor();
      const table = await page.locator('table.table').first().innerText();
      assert.match(table, /Får pengar/);
      assert.match(table, /Valdes i steg 1/);
      assert.match(await page.locator('main').innerText(), /40 personer röstade/);
      await checkA11y(t, page, 'results page');
      const response = await page.request.get('/rounds/fritidsgardar-2026/ballots.pb');
      assert.equal(response.status(), 200);
      assert.match(await response.text(), /VOTES/);
    },
  },
  {
    name: 'staff enter a paper ballot and see it wait for the second entry',
    async run(t) {
      const { page } = await logIn(t, 'personal.stadsmiljo@exempelkommun.se', undefined, { allowStatus: [422] });
      await open(t, '/staff/rounds/tryggare-parker-2026/ballots', page, { allowStatus: [422] });
      await checkA11y(t, page, 'staff ballots page');
      // A printed serial of the demo round (P-1 to P-5000), as stored: no leading zeros.
      const serial = `P-${1 + (Date.now() % 2400) + (t.js ? 0 : 2500)}`;
      await page.fill('#serial', serial);
      await page.locator('.ballot-list input[id^="paper-"]').first().check();
      await Promise.all([page.waitForURL(/paper=waiting/), page.click('button >> text=Spara pappersrösten')]);
      await settled(t, page);
      await page.waitForFunction((s) => document.querySelector('main').innerText.includes(s), serial);
      assert.match(await page.locator('main').innerText(), /Väntar på andra inmatningen/);
      await checkA11y(t, page, 'staff ballots page after an entry');
    },
  },
  {
    name: 'the decision stands beside the result, a project has a timeline, and all projects are listed',
    async run(t) {
      const { page } = await open(t, '/rounds/fritidsgardar-2026/results');
      await page.locator('table.table tbody tr').first().waitFor();
      assert.match(await page.locator('table.table').first().innerText(), /Politiskt beslut[\s\S]*Beviljat/);
      await checkA11y(t, page, 'results page with decisions');
      const project = page.locator('table.table tbody th a').first();
      const overview = await open(t, '/projects');
      assert.match(await overview.page.locator('main').innerText(), /Medborgarbudget för fritidsgårdarna 2026/);
      await checkA11y(t, overview.page, 'projects overview');
      await overview.page.selectOption('#status', 'done');
      await Promise.all([overview.page.waitForURL(/status=done/), overview.page.click('form.filters button')]);
      await settled(t, overview.page);
      const rows = overview.page.locator('table.table tbody tr');
      assert.ok(await rows.count() >= 1, 'finished projects');
      assert.match(await rows.first().innerText(), /Klart/);
      await Promise.all([overview.page.waitForURL(/proposals/), rows.first().locator('a').first().click()]);
      await settled(t, overview.page);
      const text = await overview.page.locator('#follow-up').innerText();
      assert.match(text, /Beslut och genomförande/);
      assert.match(text, /100 % klart/);
      await checkA11y(t, overview.page, 'proposal page with its timeline');
      assert.ok(project, 'results link to projects');
      const home = await open(t, '/');
      assert.match(await home.page.locator('#archive-heading').innerText(), /Arkiv/);
      assert.match(await home.page.locator('main').innerText(), /Levande gator 2025/);
    },
  },
  {
    name: 'staff post an implementation update (140 % is refused at the field) and read the review page',
    async run(t) {
      const { page } = await logIn(t, 'personal.kultur@exempelkommun.se', undefined, { allowStatus: [422] });
      await open(t, '/projects?status=started', page, { allowStatus: [422] });
      await Promise.all([page.waitForURL(/proposals/), page.locator('table.table tbody tr a').first().click()]);
      await settled(t, page);
      const path = new URL(page.url()).pathname;
      await open(t, path, page, { allowStatus: [422] });
      await checkA11y(t, page, 'proposal page with the update form');
      await page.selectOption('#status', 'started');
      await page.fill('#percent', '140');
      await page.fill('#date', new Date().toISOString().slice(0, 10));
      await page.fill('#text', 'Möblerna är levererade.');
      await submit(t, page, 'button >> text=Publicera uppdateringen');
      await page.locator('#percent-error').waitFor();
      assert.match(await page.locator('#percent-error').innerText(), /mellan 0 och 100/);
      assert.equal(await page.inputValue('#percent'), '140');
      assert.equal(await page.inputValue('#text'), 'Möblerna är levererade.');
      await checkA11y(t, page, 'update form with error');
      await page.fill('#percent', '60');
      await Promise.all([page.waitForURL(/updated=1/), page.click('button >> text=Publicera uppdateringen')]);
      await settled(t, page);
      // After client-side navigation the new page may still be rendering: wait for the section.
      await page.waitForFunction(() => document.querySelector('#follow-up')?.innerText.includes('60 % klart'));
      const review = await open(t, '/politics/rounds/fritidsgardar-2026', page, { allowStatus: [422] });
      assert.match(await review.page.locator('h1').innerText(), /Politisk behandling/);
      assert.match(await review.page.locator('main').innerText(), /Röstande per område/);
      await checkA11y(t, review.page, 'political review page');
      await open(t, '/staff/rounds/fritidsgardar-2026/mail', page, { allowStatus: [422] });
      assert.match(await page.locator('h1').innerText(), /Mejl i/);
      await checkA11y(t, page, 'staff mail page');
    },
  },
  {
    name: 'a visitor follows a round by email and confirms; a changed link is refused',
    async run(t) {
      const email = freshEmail(t);
      const { page } = await open(t, '/rounds/unga-i-centrum-2027', undefined, { allowStatus: [422] });
      await page.fill('#email', email);
      await Promise.all([page.waitForURL(/subscribed=1/), page.click('button >> text=Följ omgången')]);
      await settled(t, page);
      await page.locator('.notice--success').waitFor();
      await checkA11y(t, page, 'round page after subscribing');
      const link = await latestLoginLink(t, email);
      assert.match(link, /subscribe\/confirm/);
      const confirm = await open(t, link);
      await checkA11y(t, confirm.page, 'confirm page');
      await Promise.all([confirm.page.waitForResponse(() => true), confirm.page.click('button >> text=Bekräfta')]);
      await confirm.page.locator('.notice--success').waitFor();
      assert.match(await confirm.page.locator('.notice--success').innerText(), /får mejl när något händer/);
      const bad = await open(t, link.replace('subscribe/confirm', 'unsubscribe').replace(/t=[0-9a-f]{4}/, 't=0000'));
      assert.match(await bad.page.locator('main').innerText(), /Länken är inte giltig/);
      await checkA11y(t, bad.page, 'invalid link page');
    },
  },
  {
    name: 'two hundred simultaneous casts by one person leave exactly one ballot',
    async run(t) {
      const staffContext = await t.browser.newContext({ baseURL: t.baseURL, locale: 'sv-SE' });
      const staffT = { ...t, context: staffContext, js: false };
      try {
        const { page: staff } = await logIn(staffT, 'samordnare.stadsmiljo@exempelkommun.se');
        const ballotsNow = async () => {
          await open(staffT, '/staff', staff);
          const row = staff.locator('tr', { hasText: 'Tryggare och grönare parker 2026' });
          return Number(await row.locator('td.ballot-count').innerText());
        };
        const before = await ballotsNow();
        const email = freshEmail(t);
        const { page } = await logIn(t, email);
        await open(t, '/rounds/tryggare-parker-2026/vote', page);
        await page.fill('#birth_year', '1985');
        await page.selectOption('#home_area', { index: 2 });
        await Promise.all([page.waitForResponse(() => true), page.click('button >> text=Spara svaren')]);
        await page.waitForFunction(() => !document.querySelector('#birth_year'));
        await settled(t, page);
        const name = await page.locator('.ballot-list input[type=checkbox]').first().getAttribute('name');
        const value = await page.locator('.ballot-list input[type=checkbox]').first().getAttribute('value');
        const form = { slug: 'tryggare-parker-2026', locale: 'sv', [name]: value };
        let statuses;
        if (t.js) {
          // From inside the page: the browser's own fetch, its cookies, 200 at once.
          statuses = await page.evaluate(async (fields) => {
            const body = () => new URLSearchParams(fields).toString();
            const cast = () => fetch('/api/cast_ballot', {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
              body: body(),
            }).then((r) => r.status);
            return Promise.all(Array.from({ length: 200 }, cast));
          }, form);
        } else {
          // Without JavaScript the same 200 posts go out with the browser context's cookies.
          statuses = await Promise.all(Array.from({ length: 200 }, () => t.context.request.post('/api/cast_ballot', {
            form,
            headers: { Origin: t.baseURL, Referer: `${t.baseURL}/rounds/tryggare-parker-2026/vote` },
            maxRedirects: 0,
          }).then((r) => r.status())));
        }
        assert.ok(statuses.every((s) => s < 400), `every cast answered: ${[...new Set(statuses)]}`);
        assert.equal(await ballotsNow(), before + 1, 'one ballot more, not 200');
        const mail = await open(t, '/dev/mail');
        const mine = mail.page.locator('li.mail', { hasText: email });
        await mine.first().waitFor();
        const texts = (await mine.allInnerTexts()).join('\n');
        assert.equal((texts.match(/Din röst är registrerad/g) ?? []).length, 1, 'one receipt');
      } finally {
        await staffContext.close();
      }
    },
  },
  {
    name: 'a voter answers the voluntary questions once, and staff see who is missing',
    async run(t) {
      const email = freshEmail(t);
      const { page } = await logIn(t, email);
      await open(t, '/rounds/tryggare-parker-2026/vote', page, { allowStatus: [422] });
      await page.fill('#birth_year', '2001');
      await page.selectOption('#home_area', { index: 3 });
      await Promise.all([page.waitForResponse(() => true), page.click('button >> text=Spara svaren')]);
      await page.waitForFunction(() => !document.querySelector('#birth_year'));
      await settled(t, page);
      await page.locator('.ballot-list input[type=checkbox]').first().check();
      await Promise.all([page.waitForURL('**/vote/receipt'), page.click('button >> text=Rösta')]);
      await settled(t, page);
      await page.locator('#questions-heading').waitFor();
      await checkA11y(t, page, 'receipt page with the voluntary questions');
      await page.selectOption('#age', '20-29');
      await page.selectOption('#born', 'abroad');
      await Promise.all([page.waitForURL(/answered=1/), page.click('button >> text=Skicka svaren')]);
      await settled(t, page);
      await page.waitForFunction(() => document.querySelector('main').innerText.includes('Tack för dina svar'));
      assert.equal(await page.locator('#questions-heading').count(), 0, 'not asked again');

      const staffContext = await t.browser.newContext({ baseURL: t.baseURL, javaScriptEnabled: t.js, locale: 'sv-SE' });
      try {
        const staffT = { ...t, context: staffContext };
        const { page: staff } = await logIn(staffT, 'samordnare.stadsmiljo@exempelkommun.se', undefined, { allowStatus: [422] });
        await open(staffT, '/staff/rounds/tryggare-parker-2026/participation', staff, { allowStatus: [422] });
        const text = await staff.locator('main').innerText();
        assert.match(text, /Deltar för lite: .*Född utomlands/);
        assert.match(text, /Kvinnor och flickor/);
        assert.match(text, /Språkcaféet på Stadsbiblioteket · Född utomlands · 22 nådda/, 'outreach on the timeline');
        await checkA11y(staffT, staff, 'participation dashboard');
        // An outreach action with a mistake is explained at its field, then recorded.
        await staff.fill('#day', '2026-11-30');
        await staff.fill('#place', 'Moskén i Norra staden');
        await staff.fill('#reached', 'många');
        await submit(staffT, staff, 'button >> text=Spara insatsen');
        await staff.locator('#reached-error').waitFor();
        assert.equal(await staff.inputValue('#place'), 'Moskén i Norra staden');
        await checkA11y(staffT, staff, 'outreach form with error');
        await staff.fill('#reached', '40');
        await Promise.all([staff.waitForURL(/outreach=1/), staff.click('button >> text=Spara insatsen')]);
        await settled(staffT, staff);
        await staff.waitForFunction(() => document.querySelector('main').innerText.includes('Moskén i Norra staden'));
        // The baseline typed by hand: a word for a number is explained at its field; the
        // stored number, typed back, saves the same baseline.
        const stored = await staff.inputValue('#count-age-12-15');
        await staff.fill('#count-age-12-15', 'tolv');
        await submit(staffT, staff, 'button >> text=Spara antalen');
        await staff.locator('#count-age-12-15-error').waitFor();
        assert.equal(await staff.inputValue('#count-age-12-15'), 'tolv', 'what was typed is kept');
        await checkA11y(staffT, staff, 'baseline typed by hand, with an error');
        await staff.fill('#count-age-12-15', stored);
        await Promise.all([staff.waitForURL(/saved=1/), staff.click('button >> text=Spara antalen')]);
        await settled(staffT, staff);
        await staff.waitForFunction(() => /Deltar för lite: .*Född utomlands/.test(document.querySelector('main').innerText));
      } finally {
        await staffContext.close();
      }
    },
  },
];
