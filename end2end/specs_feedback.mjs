// The end-to-end check of feedback: a round taken from voting through deliberation,
// a decision and two implementation updates, then the mail folder must hold exactly the
// expected mails — in each person's language — for a proposer, a voter, a subscriber and a
// person who unsubscribed from everything (who gets nothing more).
import { open, checkA11y, submit, settled, latestLoginLink, assert } from './helpers.mjs';
import { logIn, freshEmail } from './session.mjs';
import { readMailbox, mailKinds } from './mailbox.mjs';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const expect422 = { allowStatus: [422] };

/** Moves the round on the staff round page to `phase`. */
async function movePhase(t, page, slug, phase) {
  await open(t, `/staff/rounds/${slug}`, page, expect422);
  await page.selectOption('#to', phase);
  await Promise.all([page.waitForURL(/moved=1/), page.click('button >> text=Byt fas')]);
  await settled(t, page);
}

/** Waits until `address` has exactly `expected` mails (kind:language, sorted), then a little
 * longer to see that nothing more comes. */
async function expectMails(page, address, expected) {
  const want = [...expected].sort();
  let got = [];
  for (let i = 0; i < 100; i += 1) {
    got = mailKinds(address);
    if (got.length >= want.length) break;
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(1000);
  assert.deepEqual(mailKinds(address), want, `mails to ${address}`);
}

/** Confirms a subscription with the link from its mail. */
async function confirmSubscription(t, email) {
  const link = await latestLoginLink(t, email);
  assert.match(link, /subscribe\/confirm/);
  const { page } = await open(t, link);
  await Promise.all([page.waitForResponse(() => true), page.click('form button[type=submit]')]);
  await page.locator('.notice--success').waitFor();
  await page.close();
}

/** Follows the round from its page in `lang`. */
async function follow(t, slug, email, lang) {
  const prefix = lang === 'en' ? '/en' : '';
  const { page } = await open(t, `${prefix}/rounds/${slug}`, undefined, expect422);
  await page.fill('#email', email);
  await Promise.all([page.waitForURL(/subscribed=1/), page.click(`button >> text=${lang === 'en' ? 'Follow the round' : 'Följ omgången'}`)]);
  await page.close();
  await confirmSubscription(t, email);
}

export const specs = [
  {
    name: 'from vote to decision and two updates, the mail folder holds exactly the right mails in the right language',
    async run(t) {
      const contexts = [];
      const person = async () => {
        const context = await t.browser.newContext({ baseURL: t.baseURL, javaScriptEnabled: t.js, locale: 'sv-SE' });
        contexts.push(context);
        return { ...t, context };
      };
      try {
        const staffT = await person();
        const { page: staff } = await logIn(staffT, 'personal.stadsmiljo@exempelkommun.se', staffT.context, expect422);
        await open(staffT, '/staff/new-round', staff, expect422);
        await staff.fill('#title_sv', `Ljusare stråk ${Date.now()} ${t.js ? 'js' : 'nojs'}`);
        await staff.fill('#summary_sv', 'Förslag som gör gångstråken tryggare.');
        await staff.fill('#budget_total', '300 000');
        await staff.selectOption('#residence', 'anyone');
        await Promise.all([staff.waitForURL(/\/staff\/rounds\/[^/?]+\?saved=1/), staff.click('form button.button >> text=Spara omgången')]);
        const slug = new URL(staff.url()).pathname.split('/').pop();
        for (const phase of ['information', 'proposals']) await movePhase(staffT, staff, slug, phase);

        // A proposer (Swedish), a subscriber (English) and one who will unsubscribe (Swedish).
        const proposer = freshEmail(t);
        const proposerT = await person();
        const { page: own } = await logIn(proposerT, proposer, proposerT.context, expect422);
        await open(proposerT, `/rounds/${slug}/propose`, own, expect422);
        await own.fill('#title', 'Belysning längs ån');
        await own.fill('#description', 'Lampor på gångvägen längs ån.');
        await own.fill('#cost', '40 000');
        await Promise.all([own.waitForURL(/submitted=1/), own.click('button[value=submit]')]);
        const project = new URL(own.url()).pathname.split('/').pop();
        const subscriber = freshEmail(t);
        const leaver = freshEmail(t);
        await follow(await person(), slug, subscriber, 'en');
        const leaverT = await person();
        await follow(leaverT, slug, leaver, 'sv');

        // Staff review the proposal and open voting.
        await open(staffT, `/staff/proposals/${project}/review`, staff, expect422);
        for (const box of await staff.locator('.checkbox input').all()) await box.check();
        await staff.selectOption('#feasibility', 'feasible');
        await staff.fill('#staff_cost', '45000');
        await Promise.all([staff.waitForURL(/reviewed=/), staff.click('button >> text=Spara bedömningen')]);
        for (const phase of ['review', 'voting']) await movePhase(staffT, staff, slug, phase);

        // The person leaving unsubscribes from everything with the link in "voting opens".
        let opened;
        for (let i = 0; i < 100 && !opened; i += 1) {
          opened = readMailbox().find((m) => m.to === leaver && m.kind === 'voting_open');
          if (!opened) await staff.waitForTimeout(200);
        }
        assert.ok(opened, 'the follower is told that voting opens');
        const everything = /https?:\/\/\S+\/unsubscribe\?\S*s=all\S*/.exec(opened.text)?.[0];
        assert.ok(everything, opened.text);
        const { page: leave } = await open(leaverT, new URL(everything).pathname + new URL(everything).search, undefined, expect422);
        await checkA11y(leaverT, leave, 'unsubscribe page');
        await Promise.all([leave.waitForResponse(() => true), leave.click('button >> text=Ja, skicka inga fler mejl')]);
        await leave.locator('.notice--success').waitFor();

        // A voter who reads the site in English votes for the project.
        const voter = freshEmail(t);
        const voterT = await person();
        const { page: ballot } = await logIn(voterT, voter, voterT.context, { ...expect422, path: '/en/login' });
        await open(voterT, `/en/rounds/${slug}/vote`, ballot, expect422);
        await ballot.locator('.ballot-list input[type=checkbox]').first().check();
        await Promise.all([ballot.waitForURL('**/vote/receipt'), ballot.click('button >> text=Vote')]);

        // Voting closes, the result is published, the politicians decide, staff post updates.
        await movePhase(staffT, staff, slug, 'deliberation');
        await open(staffT, `/rounds/${slug}/results`, staff, expect422);
        await Promise.all([staff.waitForURL(/published=1/), staff.click('button >> text=Publicera resultatet')]);
        const politicianT = await person();
        const { page: politician } = await logIn(politicianT, 'politiker@exempelkommun.se', politicianT.context, expect422);
        await open(politicianT, `/politics/proposals/${project}/decision`, politician, expect422);
        await checkA11y(politicianT, politician, 'decision form');
        await politician.selectOption('#outcome', 'approved');
        await politician.fill('#protocol_section', '12');
        await politician.fill('#meeting_date', new Date().toISOString().slice(0, 10));
        await Promise.all([politician.waitForURL(/decided=1|saved=1|\/politics\/rounds\//), politician.click('button >> text=Registrera beslutet')]);
        await movePhase(staffT, staff, slug, 'decided');
        const projectPage = `/rounds/${slug}/proposals/${project}`;
        for (const [status, percent, text] of [['started', '30', 'Stolparna är beställda.'], ['done', '100', 'Lamporna lyser.']]) {
          await open(staffT, projectPage, staff, expect422);
          await staff.selectOption('#status', status);
          await staff.fill('#percent', percent);
          await staff.fill('#date', new Date().toISOString().slice(0, 10));
          await staff.fill('#text', text);
          await Promise.all([staff.waitForURL(/updated=1/), staff.click('button >> text=Publicera uppdateringen')]);
          await settled(staffT, staff);
        }

        // A photo on the newest update: without a description it is refused at the field.
        await open(staffT, projectPage, staff, expect422);
        const form = staff.locator('.timeline-item').first();
        await form.locator('summary').click();
        await form.locator('input[type=file]').setInputFiles({ name: 'lampor.png', mimeType: 'image/png', buffer: PNG });
        await Promise.all([staff.waitForURL(/description_error=/), form.locator('button >> text=Spara fotot').click()]);
        await settled(staffT, staff);
        const error = staff.locator('.timeline-item .field-error').first();
        assert.match(await error.innerText(), /Skriv vad fotot visar/);
        await checkA11y(staffT, staff, 'photo form with error');
        const retry = staff.locator('.timeline-item').first();
        await retry.locator('input[type=file]').setInputFiles({ name: 'lampor.png', mimeType: 'image/png', buffer: PNG });
        await retry.locator('input[name=description]').fill('Lamporna lyser längs ån i skymningen');
        await Promise.all([staff.waitForURL(/photo=saved/), retry.locator('button >> text=Spara fotot').click()]);
        await settled(staffT, staff);
        const { page: visitor } = await open(t, projectPage);
        assert.equal(await visitor.locator('#follow-up img').getAttribute('alt'), 'Lamporna lyser längs ån i skymningen');
        await checkA11y(t, visitor, 'project page with a photo');

        await expectMails(staff, proposer, ['received:sv', 'review:sv', 'voting_open:sv', 'decision:sv', 'update:sv', 'update:sv']);
        await expectMails(staff, voter, ['receipt:en', 'results:en', 'decision:en', 'update:en', 'update:en']);
        await expectMails(staff, subscriber, ['confirm:en', 'voting_open:en', 'results:en']);
        await expectMails(staff, leaver, ['confirm:sv', 'voting_open:sv']);
      } finally {
        for (const context of contexts) await context.close();
      }
    },
  },
];
