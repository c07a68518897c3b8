// Signing in for the browser specs: fresh addresses and the emailed login link.
import { open, submit, latestLoginLink, settled, checkA11y } from './helpers.mjs';

let counter = 0;
/** A fresh address per spec run, so runs never share an account or a rate limit window. */
export function freshEmail(t) {
  counter += 1;
  return `invanare${Date.now()}${counter}${t.js ? 'js' : 'nojs'}@exempel.se`;
}

/**
 * Logs `email` in with the emailed link (read from the development mail page), in `context`
 * or the spec's own: the link opens a page naming the address, whose button signs in.
 * `options.path` is the login page to use (`/en/login` for English); `options.a11y` checks
 * the link's page with axe.
 */
export async function logIn(t, email, context, options = {}) {
  const { page } = await open(context ? { ...t, context } : t, options.path ?? '/login', undefined, options);
  // The login form allows twice MEDBORGARBUDGET_LOGIN_LIMIT links per client address a minute:
  // when the specs run fast they can meet that limit, so a refused request is tried again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.fill('#email', email);
      await submit(t, page, 'form button[type=submit]');
      await page.waitForURL('**/login/sent', { timeout: 10000 });
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
      await page.waitForTimeout(7000);
      await page.goto(options.path ?? '/login');
      await settled(t, page);
    }
  }
  const link = await latestLoginLink(context ? { ...t, context } : t, email);
  await page.goto(link);
  await settled(t, page);
  if (options.a11y) await checkA11y(t, page, 'login link page');
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/login/verify')),
    page.click('form button[type=submit]'),
  ]);
  await settled(t, page);
  return { page, link };
}

