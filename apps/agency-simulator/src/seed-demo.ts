/**
 * Opens the demo case through the control API, as a coordination officer would: an MLA and an
 * extradition about one smuggling network. The agency simulator (scenarios/demo.json) answers.
 *   node -r @swc-node/register apps/agency-simulator/src/seed-demo.ts
 */
import { issueLocalToken } from '@comity/auth';
import { loadConfig } from '@comity/config';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.auth.mode !== 'local' || !config.auth.secret) throw new Error('the demo needs COMITY_AUTH_SECRET');
  const token = await issueLocalToken(config.auth.secret, { userId: 'demo-officer', role: 'coordinator' });
  const base = `http://${config.api.host}:${config.api.port}/api/v1`;
  const caseId = `case-aegean-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
  const post = async (path: string, body: object) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`demo: POST ${path} failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  await post('/cases', { caseId, title: 'Aegean route smuggling network', handlingCode: 'H1' });
  const start = async (body: object) =>
    (await post('/processes', { caseId, offence: 'migrant-smuggling', ...body })).id;
  const mla = await start({
    type: 'mla',
    legalBasis: 'UNTOC',
    priority: 'high',
    parties: {
      requesting: { agencyId: 'gr-central-authority', state: 'GR' },
      requested: { agencyId: 'tr-central-authority', state: 'TR' },
    },
    data: { summary: 'Bank and phone records of a network moving migrants across the Aegean' },
  });
  const extradition = await start({
    type: 'extradition',
    legalBasis: 'ECE',
    priority: 'urgent',
    parties: {
      requesting: { agencyId: 'gr-ministry-of-justice', state: 'GR' },
      requested: { agencyId: 'al-ministry-of-justice', state: 'AL' },
    },
    data: { summary: 'Provisional arrest of the network organiser' },
  });
  console.log(`demo: case ${caseId}: MLA ${mla}, extradition ${extradition}`);
  console.log(
    `demo: follow them with  curl -H "Authorization: Bearer $(npm run -s cli -- token --user me --role coordinator)" '${base}/processes?caseId=${caseId}'`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
