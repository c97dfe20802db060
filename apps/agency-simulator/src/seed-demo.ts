/**
 * Opens the demo case through the control API, as a coordination officer would: an MLA, an
 * extradition and one process of every further type about one smuggling network. The agency
 * simulator (scenarios/demo.json) answers.
 *   node -r @swc-node/register apps/agency-simulator/src/seed-demo.ts
 */
import { issueLocalToken } from '@comity/auth';
import { loadConfig } from '@comity/config';

/** One process of every further type; its parties are agencies of scenarios/demo.json (state: the id's prefix). */
const furtherProcesses: Record<string, { parties: Record<string, string>; legalBasis?: string; summary: string }> = {
  'transfer-of-proceedings': {
    parties: { requesting: 'tr-chief-prosecutor-izmir', requested: 'gr-prosecutor-piraeus' },
    summary: 'Prosecution of the boat drivers moved to Greece, where the organiser is tried',
  },
  'transfer-of-sentenced-person': {
    parties: { sentencing: 'gr-ministry-of-justice', administering: 'al-ministry-of-justice' },
    summary: 'A convicted courier to serve the sentence in Albania',
  },
  'special-investigative-technique': {
    parties: { requesting: 'gr-hellenic-police', requested: 'tr-national-police' },
    summary: 'Controlled delivery of forged passports from Izmir to Athens',
  },
  'law-enforcement-exchange': {
    parties: { requesting: 'gr-europol-unit', requested: 'tr-interpol-ncb' },
    legalBasis: 'UNTOC',
    summary: 'Subscriber of a phone used by the organiser',
  },
  'domestic-taskforce': {
    parties: { coordination: 'gr-national-coordination', fiu: 'gr-fiu', institution: 'gr-mvts-hermes' },
    summary: 'Aegean route task force: police, coast guard, FIU',
  },
  'document-verification': {
    parties: { requesting: 'gr-asylum-service', issuing: 'sy-passport-directorate' },
    summary: 'A passport presented at the Lesvos reception centre',
  },
  'migrant-return': {
    parties: { requesting: 'gr-migration-ministry', origin: 'pk-interior-ministry' },
    summary: 'Return of a smuggled migrant who asked to go home',
  },
  'protection-referral': {
    parties: { referring: 'gr-police-lesvos', provider: 'gr-ngo-safe-harbour' },
    summary: 'An unaccompanied child found on a smuggling boat',
  },
};

/**
 * A coordinator's token: minted with the local key, or under OIDC the one start-system.sh fetched
 * for the development realm's officer (COMITY_DEMO_TOKEN).
 */
async function demoToken(auth: ReturnType<typeof loadConfig>['auth']): Promise<string> {
  if (auth.mode === 'oidc') {
    const token = process.env['COMITY_DEMO_TOKEN'];
    if (!token) throw new Error("the demo needs COMITY_DEMO_TOKEN (a coordinator's token) under COMITY_AUTH_MODE=oidc");
    return token;
  }
  if (!auth.secret) throw new Error('the demo needs COMITY_AUTH_SECRET');
  return issueLocalToken(auth.secret, { userId: 'demo-officer', role: 'coordinator' });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const token = await demoToken(config.auth);
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
  const party = (agencyId: string) => ({ agencyId, state: agencyId.slice(0, 2).toUpperCase() });
  const further = await Promise.all(
    Object.entries(furtherProcesses).map(([type, { parties, legalBasis, summary }]) =>
      start({
        type,
        legalBasis: legalBasis ?? 'UNTOC',
        parties: Object.fromEntries(Object.entries(parties).map(([slot, agencyId]) => [slot, party(agencyId)])),
        data: { summary },
      }),
    ),
  );
  console.log(`demo: case ${caseId}: MLA ${mla}, extradition ${extradition}, and ${further.join(', ')}`);
  // Under OIDC no locally minted token is accepted: the hint signs in as the realm's officer.
  const signIn =
    config.auth.mode === 'oidc'
      ? `node infra/keycloak/password-grant.mjs ${config.auth.issuer ?? ''} officer`
      : 'npm run -s cli -- token --user me --role coordinator';
  console.log(
    `demo: follow them with  curl -H "Authorization: Bearer $(${signIn})" '${base}/processes?caseId=${caseId}'`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
