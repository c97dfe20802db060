// Prints an access token of a user of the development realm (infra/keycloak/comity-realm.json),
// fetched by the password grant of its test-only client comity-e2e, which only that realm has:
//   node infra/keycloak/password-grant.mjs <issuer> <username>
// start-system.sh signs the demo in with it on the cluster topology, which accepts no local token.
import { readFileSync } from 'node:fs';

const [issuer, username] = process.argv.slice(2);
if (!issuer || !username) {
  console.error('usage: node infra/keycloak/password-grant.mjs <issuer> <username>');
  process.exit(2);
}
const realm = JSON.parse(readFileSync(new URL('./comity-realm.json', import.meta.url), 'utf8'));
const password = realm.users.find((u) => u.username === username)?.credentials?.[0]?.value;
if (!password) {
  console.error(`no user ${username} in infra/keycloak/comity-realm.json`);
  process.exit(1);
}
const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'password', client_id: 'comity-e2e', username, password }),
});
const body = await res.json().catch(() => ({}));
if (!body.access_token) {
  console.error(`${issuer} gave no token for ${username}: ${res.status} ${body.error_description ?? ''}`);
  process.exit(1);
}
console.log(body.access_token);
