import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as jose from 'jose';
const child = spawn('node', ['provider.mjs'], { stdio: ['pipe', 'pipe', 'inherit'] });
const line = await new Promise((ok) => child.stdout.once('data', (d) => ok(d.toString())));
const { issuer, registration_token } = JSON.parse(line);
console.log('issuer', issuer);
// pretend app callback
const cb = http.createServer((q, s) => { s.end('cb'); });
await new Promise((ok) => cb.listen(0, '127.0.0.1', ok));
const redirect_uri = `http://127.0.0.1:${cb.address().port}/auth/eid/callback`;
const reg = await (await fetch(`${issuer}/reg`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${registration_token}` }, body: JSON.stringify({ redirect_uris: [redirect_uri] }) })).json();
console.log('registered', reg.client_id, reg.token_endpoint_auth_method, reg.id_token_signed_response_alg);
const disc = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
console.log('scopes', disc.scopes_supported, 'claims', disc.claims_supported, 'iss param', disc.authorization_response_iss_parameter_supported, disc.code_challenge_methods_supported);
const el = await fetch(`${issuer}/elsewhere/.well-known/openid-configuration`, { redirect: 'manual' });
console.log('elsewhere', el.status, el.headers.get('location'));
const jwks = jose.createRemoteJWKSet(new URL(disc.jwks_uri));
async function flow(person, { pkce = true } = {}) {
  const jar = new Map();
  const get = async (url) => { const r = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of r.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); } return r; };
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const state = 's' + crypto.randomBytes(8).toString('hex'), nonce = 'n' + crypto.randomBytes(8).toString('hex');
  const u = new URL(disc.authorization_endpoint);
  u.search = new URLSearchParams({ client_id: reg.client_id, response_type: 'code', redirect_uri, scope: 'openid https://id.oidc.se/scope/naturalPersonNumber profile', state, nonce, ...(pkce ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}) });
  let r = await get(u); let hops = 0;
  let loc = r.headers.get('location');
  if (r.status >= 400) { return { status: r.status, body: await r.text() }; }
  while (loc && !loc.startsWith(redirect_uri)) {
    let next = new URL(loc, issuer);
    if (/\/interaction\/[^/]+$/.test(next.pathname)) next.searchParams.set('person', person);
    r = await get(next); loc = r.headers.get('location'); hops++;
    if (!loc) { console.log('stuck', r.status, await r.text()); return; }
  }
  const cbu = new URL(loc);
  const code = cbu.searchParams.get('code');
  if (!code) return { error: Object.fromEntries(cbu.searchParams) };
  const tok = await (await fetch(disc.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(reg.client_id)}:${encodeURIComponent(reg.client_secret)}`).toString('base64') }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri, code_verifier: verifier }) })).json();
  if (!tok.id_token) return { tok };
  let verdict;
  try { const { payload } = await jose.jwtVerify(tok.id_token, jwks, { issuer, audience: reg.client_id }); verdict = payload.nonce === nonce ? 'ok' : 'nonce mismatch'; }
  catch (e) { verdict = e.code; }
  return { hops, state_ok: cbu.searchParams.get('state') === state, iss: cbu.searchParams.get('iss'), verdict, claims: jose.decodeJwt(tok.id_token), header: jose.decodeProtectedHeader(tok.id_token) };
}
console.log(JSON.stringify(await flow('anna'), null, 1));
console.log(JSON.stringify(await flow('cora')));
for (const p of ['expired', 'badsig', 'wrongaud', 'wrongnonce', 'wrongiss']) { const r = await flow(p); console.log(p, r.verdict, r.claims?.aud, r.claims?.exp); }
console.log('no pkce', JSON.stringify(await flow('anna', { pkce: false })));
child.stdin.end(); cb.close();
