// A real OpenID provider for the eID tests: oidc-provider 9 with Swedish OIDC claims.
// Listens on 127.0.0.1 (port from PORT, default any), prints one JSON line
// {"issuer": "...", "registration_token": "..."} when ready, and exits when stdin closes
// (so it dies with the test process).
import * as http from 'node:http';
import * as crypto from 'node:crypto';
import { Provider } from 'oidc-provider';
import * as jose from 'jose';

const PNR = 'https://id.oidc.se/claim/personalIdentityNumber';
const COORD = 'https://id.oidc.se/claim/coordinationNumber';

// Test identities (numbers with a valid check digit). `mutate` makes the token endpoint
// misbehave for that identity only, so tests running in parallel do not disturb each other.
const PEOPLE = {
  anna: { [PNR]: '199001012385', name: 'Anna Andersson', given_name: 'Anna', family_name: 'Andersson', birthdate: '1990-01-01' },
  bertil: { [PNR]: '198112289874', name: 'Bertil Berg', given_name: 'Bertil', family_name: 'Berg', birthdate: '1981-12-28' },
  cora: { [COORD]: '199001612382', name: 'Cora Coordinata', given_name: 'Cora', family_name: 'Coordinata', birthdate: '1990-01-01' },
  expired: { [PNR]: '197001011019', name: 'Test Expired', birthdate: '1970-01-01', mutate: 'expired' },
  badsig: { [PNR]: '197001011027', name: 'Test Badsig', birthdate: '1970-01-01', mutate: 'badsig' },
  wrongaud: { [PNR]: '197001011035', name: 'Test Wrongaud', birthdate: '1970-01-01', mutate: 'aud' },
  wrongnonce: { [PNR]: '197001011043', name: 'Test Wrongnonce', birthdate: '1970-01-01', mutate: 'nonce' },
  wrongiss: { [PNR]: '197001011050', name: 'Test Wrongiss', birthdate: '1970-01-01', mutate: 'iss' },
  // A correctly signed token whose number has a wrong check digit: the app must refuse it.
  badnumber: { [PNR]: '199001012386', name: 'Test Badnumber', birthdate: '1990-01-01' },
  // Born on 6 December 2012: 13 during 2025, 14 from 2026 (for the age limit test).
  young: { [PNR]: '201212069874', name: 'Test Young', birthdate: '2012-12-06' },
};

async function rsaKey(kid) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  return { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}
const real = await rsaKey('k1');
const impostor = await rsaKey('k1'); // same kid, another key: a signature that does not verify

const server = http.createServer();
await new Promise((ok) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', ok));
const issuer = `http://127.0.0.1:${server.address().port}`;
const registrationToken = crypto.randomBytes(24).toString('base64url');

// The browser tests run one server at a fixed address: it gets a client set here
// (CLIENT_ID, CLIENT_SECRET, REDIRECT_URI) instead of registering one.
const clients = process.env.CLIENT_ID ? [{
  client_id: process.env.CLIENT_ID,
  client_secret: process.env.CLIENT_SECRET,
  redirect_uris: [process.env.REDIRECT_URI],
}] : [];

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [real] },
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  // Clients register themselves (RFC 7591) with the redirect URI of the app they test.
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true, initialAccessToken: registrationToken },
  },
  clientDefaults: {
    grant_types: ['authorization_code'],
    response_types: ['code'],
    id_token_signed_response_alg: 'RS256',
    token_endpoint_auth_method: 'client_secret_basic',
  },
  pkce: { required: () => true },
  // Scope-requested claims in the ID token too (as Swedish brokers deliver them).
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'birthdate'],
    'https://id.oidc.se/scope/naturalPersonNumber': [PNR, COORD],
    'https://id.oidc.se/scope/naturalPersonInfo': ['name', 'given_name', 'family_name', 'birthdate'],
  },
  ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const person = PEOPLE[id];
    if (!person) return undefined;
    const { mutate, ...claims } = person;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
});

// Login without a page: GET /interaction/:uid?person=anna (or login_hint=anna on the
// authorization request) signs that test person in and grants what the client asked for.
// Without one, a list of links to choose from (for a developer trying it in a browser).
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match || ctx.method !== 'GET') return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const person = ctx.query.person ?? details.params.login_hint;
  if (!PEOPLE[person]) {
    ctx.type = 'html';
    ctx.body = Object.keys(PEOPLE)
      .map((p) => `<a href="/interaction/${match[1]}?person=${p}">${p}</a>`).join('<br>');
    return undefined;
  }
  const grant = new provider.Grant({ accountId: person, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  return provider.interactionFinished(ctx.req, ctx.res, {
    login: { accountId: person, acr: 'http://id.elegnamnden.se/loa/1.0/loa3' },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
});

// A misbehaving provider, for the refusal tests: rewrites the ID token of a test person
// whose `mutate` says so, re-signed with the real key (or, for badsig, another key).
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== 'token' || ctx.status !== 200 || !ctx.body?.id_token) return;
  const payload = jose.decodeJwt(ctx.body.id_token);
  const mutate = PEOPLE[payload.sub]?.mutate;
  if (!mutate) return;
  const now = Math.floor(Date.now() / 1000);
  let key = real;
  switch (mutate) {
    case 'expired': payload.iat = now - 7200; payload.exp = now - 3600; break;
    case 'aud': payload.aud = 'another-client'; break;
    case 'nonce': payload.nonce = 'not-the-nonce-that-was-sent'; break;
    case 'iss': payload.iss = 'http://127.0.0.1:1'; break;
    case 'badsig': key = impostor; break;
    default: break;
  }
  ctx.body.id_token = await new jose.SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .sign(await jose.importJWK(key, 'RS256'));
});

// Discovery that redirects to another host: the app must not follow it.
provider.use(async (ctx, next) => {
  if (ctx.path === '/elsewhere/.well-known/openid-configuration') {
    ctx.redirect(`http://localhost:${server.address().port}/.well-known/openid-configuration`);
    return undefined;
  }
  return next();
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer, registration_token: registrationToken })}\n`);
// STAY=1 (the browser tests, started in the background): run until killed.
if (!process.env.STAY) {
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}
