// Compares the key fingerprints that running apps report on GET /health, so a start never reports
// success while two apps that must read each other's payloads hold different keys.
//   node infra/scripts/compare-keys.mjs <app>=<health url> ...
// Exits 0 when every app reports the same payload-encryption keys (active id and fingerprints) and
// action-signing keys; 1 (naming the apps and what differs, never a key) when they differ or an app is down.
const targets = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=');
  return { app: arg.slice(0, at), url: arg.slice(at + 1) };
});
if (targets.length < 2 || targets.some((t) => !t.app || !t.url)) {
  console.error('usage: compare-keys.mjs <app>=<health url> <app>=<health url> ...');
  process.exit(2);
}

const reports = [];
for (const { app, url } of targets) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const body = await res.json();
    if (!body || typeof body !== 'object' || !('keys' in body)) throw new Error('its /health reports no keys');
    reports.push({
      app,
      keys: JSON.stringify({ codec: body.keys.codec ?? null, actions: body.keys.actions ?? null }),
    });
  } catch (err) {
    console.error(`keys: cannot read ${app}'s keys at ${url}: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
const [first, ...rest] = reports;
const differing = rest.filter((r) => r.keys !== first.keys);
if (differing.length) {
  for (const r of [first, ...differing]) console.error(`keys: ${r.app} holds ${r.keys}`);
  console.error(
    `keys: ${differing.map((r) => r.app).join(', ')} and ${first.app} hold different payload-encryption or action-signing keys`,
  );
  process.exit(1);
}
console.log(`keys: ${reports.map((r) => r.app).join(', ')} hold the same payload-encryption and action-signing keys`);
