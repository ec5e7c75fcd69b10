// Verifies GA4GH visas with an independent JOSE library (not the service's own code).
// Usage: node verify-visas.mjs <jwks.json> <expected issuer> <visa> [<visa> ...]
// Prints one JSON line per visa: its protected header and claims, or { "error": ... }.
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [jwksFile, issuer, ...visas] = process.argv.slice(2);
const jwks = createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')));
let failed = false;
for (const visa of visas) {
  try {
    const { payload, protectedHeader } = await jwtVerify(visa, jwks, { issuer, algorithms: ['RS256'] });
    console.log(JSON.stringify({ header: protectedHeader, claims: payload }));
  } catch (e) {
    failed = true;
    console.log(JSON.stringify({ error: `${e.code ?? e.name}: ${e.message}` }));
  }
}
process.exit(failed ? 1 : 0);
