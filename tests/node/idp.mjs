// A real, external OpenID provider for the .NET tests (node-oidc-provider), on 127.0.0.1:
//   node idp.mjs <port>        (or IDP_PORT=<port>)
// Environment: IDP_WEB_CLIENT_SECRET, IDP_WEB_REDIRECT_URI, IDP_WEB_POST_LOGOUT_REDIRECT_URI, IDP_MACHINE_CLIENT_SECRET.
// Its development login page accepts any login name (with any password): fine for tests, never for anything else.
// Access tokens are RS256 JWTs for the resource "access-requests" (audience), for users and the machine client.
// Prints "ready" once it listens. A login name starting with "expired" gets an access token that has expired.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.IDP_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node idp.mjs <port>');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const resource = 'urn:accessrequests:api';
const audience = 'access-requests';

// Some people a test may sign in as; any other login name is a user without an affiliation.
const people = {
  rikke: { name: 'Rikke Jensen', email: 'rikke@ku.dk', eduPersonScopedAffiliation: ['member@ku.dk'], schacHomeOrganization: 'ku.dk' },
  ola: { name: 'Ola Nordmann', email: 'ola@example.org' },
};

function claimsOf(login) {
  const person = people[login] ?? {};
  return {
    sub: login,
    name: person.name ?? login,
    email: person.email ?? `${login}@example.org`,
    ...(person.eduPersonScopedAffiliation && { eduPersonScopedAffiliation: person.eduPersonScopedAffiliation }),
    ...(person.schacHomeOrganization && { schacHomeOrganization: person.schacHomeOrganization }),
  };
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  clients: [
    {
      client_id: 'accessrequests-web',
      client_secret: process.env.IDP_WEB_CLIENT_SECRET ?? 'accessrequests-web-secret',
      redirect_uris: [process.env.IDP_WEB_REDIRECT_URI ?? 'http://127.0.0.1:5080/signin-oidc'],
      post_logout_redirect_uris: process.env.IDP_WEB_POST_LOGOUT_REDIRECT_URI ? [process.env.IDP_WEB_POST_LOGOUT_REDIRECT_URI] : [],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      client_id: 'provisioning-ngc-hpc',
      client_secret: process.env.IDP_MACHINE_CLIENT_SECRET ?? 'provisioning-ngc-hpc-secret',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      response_types: [],
      scope: 'grants:read',
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // PKCE for the browser client too, although it is confidential (the library requires it only for public ones).
  pkce: { required: () => true },
  scopes: ['openid', 'offline_access', 'profile', 'email', 'wayf', 'grants:read'],
  claims: {
    openid: ['sub'],
    profile: ['name'],
    email: ['email'],
    wayf: ['eduPersonScopedAffiliation', 'schacHomeOrganization'],
  },
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsOf(id) }),
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== resource) throw new Provider.errors.InvalidTarget();
        return { scope: 'grants:read', audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  formats: {
    customizers: {
      // A login name starting with "expired" gets an access token that ended an hour ago, signed like any other,
      // so the tests can show the service refuses genuine but stale tokens (beyond its clock skew).
      jwt: (_ctx, token, jwt) => {
        if (token.accountId?.startsWith('expired')) {
          jwt.payload.iat -= 7200;
          jwt.payload.exp = jwt.payload.iat + 3600;
        }
      },
    },
  },
  // A user's access token carries who they are, as an identity federation's would; a client's carries only its id.
  extraTokenClaims: (_ctx, token) => {
    if (!token.accountId) return undefined;
    const { sub, ...rest } = claimsOf(token.accountId);
    return rest;
  },
});

provider.listen(port, '127.0.0.1', () => console.log('ready'));
