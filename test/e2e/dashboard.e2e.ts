import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { definitionOf, type Actor } from '@comity/domain';
import { registerTestAgency } from '../support/agency-channel';
import { root, startApp, waitFor, type RunningApp } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * The dashboard in a real browser (Debian's chromium, headless) against the real stack: the board
 * follows a process live, the process page shows its timeline, the statistics page draws charts,
 * and an agency sees only its own processes. Screenshots go to test/reports/dashboard/, or with
 * COMITY_UPDATE_SCREENSHOTS=1 to docs/dashboard/ for docs/dashboard.md (so a test run leaves the tree clean).
 */
const API_PORT = 3220;
const DASHBOARD_PORT = 3221;
const dashboardUrl = `http://127.0.0.1:${DASHBOARD_PORT}/`;
const screenshots = path.join(
  root,
  process.env['COMITY_UPDATE_SCREENSHOTS'] === '1' ? 'docs/dashboard' : 'test/reports/dashboard',
);

const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const italy: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-police' };
const greece: Actor = { userId: 'gr-clerk', role: 'agency', agencyId: 'gr-coastguard' };
const turkeyParty = { agencyId: 'tr-police', state: 'TR' };

let stack: Stack;
let dashboard: RunningApp;
let browser: Browser;
let caseId: string;

beforeAll(async () => {
  // The statistics read the direction (sent/received) against the system's own state.
  process.env['COMITY_OWN_STATE'] ??= 'IT';
  stack = await startStack('sqlite', API_PORT);
  dashboard = await startApp('dashboard', { ...stack.environment.env, COMITY_DASHBOARD_PORT: String(DASHBOARD_PORT) });
  browser = await chromium.launch({
    executablePath: process.env['COMITY_CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
  });
  caseId = await stack.openCase('aegean-route');
  mkdirSync(screenshots, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  const code = await dashboard?.stop();
  await stack?.stop();
  if (dashboard && code !== 0) throw new Error(`the dashboard did not exit cleanly (${code}):\n${dashboard.output()}`);
}, 60_000);

async function startMla(
  requested: { agencyId: string; state: string },
  priority = 'urgent',
  inCase = caseId,
): Promise<string> {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    caseId: inCase,
    legalBasis: 'UNTOC',
    priority,
    parties: { requesting: { agencyId: 'it-police', state: 'IT' }, requested },
  });
  if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function act(id: string, actor: Actor, action: string, payload: Record<string, unknown> = {}) {
  const res = await stack.api.as(actor).post(`/api/v1/processes/${id}/actions`, { action, payload });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Waits until the read model (which the board and the statistics read) has the process in this stage. */
const projected = (id: string, stage: string) =>
  waitFor(`${id} in ${stage} in the read model`, async () => {
    const page = await stack.api
      .as(coordinator)
      .get<{ items: { id: string; stage: string }[] }>(`/api/v1/processes?caseId=${caseId}&limit=200`);
    return page.body.items.some((p) => p.id === id && p.stage === stage) ? true : undefined;
  });

/** A fresh browser page signed in through the sign-in form, showing the board with live updates on. */
async function signedIn(actor: Actor, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(dashboardUrl);
  await page.getByLabel('Bearer token').fill(await stack.environment.token(actor));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.locator('.board[aria-busy="false"]').waitFor();
  await page.locator('#live-state', { hasText: /^live$/ }).waitFor();
  return page;
}

const card = (page: Page, stage: string, id: string) =>
  page.locator(`.lane[data-type="mla"] .column[data-stage="${stage}"] [data-process-id="${id}"]`);

let followed: string;

it('shows a process just started and moves it to the next column when the agency answers, without reloading', async () => {
  const page = await signedIn(coordinator);
  await page.evaluate(() => Object.assign(globalThis, { comityNoReload: 'still the same page' }));
  // The API's stream begins at the newest offset once connected; let its consumer settle as the stream test does.
  await page.waitForTimeout(1500);

  followed = await startMla({ agencyId: 'gr-coastguard', state: 'GR' });
  await card(page, 'draft', followed).waitFor({ timeout: 20_000 });

  await act(followed, italy, 'submit-for-review');
  await act(followed, coordinator, 'transmit');
  await card(page, 'transmitted', followed).waitFor({ timeout: 20_000 });
  await expect(card(page, 'transmitted', followed).count()).resolves.toBe(1);

  await act(followed, greece, 'acknowledge');
  await card(page, 'acknowledged', followed).waitFor({ timeout: 20_000 });
  await expect(card(page, 'transmitted', followed).count()).resolves.toBe(0);
  expect(await page.evaluate(() => (globalThis as { comityNoReload?: string }).comityNoReload)).toBe(
    'still the same page',
  );
  await expect(page.locator('#live-region').textContent()).resolves.toMatch(/Acknowledged/);
  // Then the board re-reads the read model, which brings the deadline the new stage started.
  await card(page, 'acknowledged', followed)
    .filter({ hasText: /next deadline: 19 d \d+ h left/ })
    .waitFor();

  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(screenshots, 'board.png'), fullPage: true });
  await page.context().close();
}, 90_000);

it('shows a process page with its state diagram, deadlines and the full timeline with actors', async () => {
  const page = await signedIn(coordinator);
  // Keyboard: the card is a real link; Enter opens the process.
  await card(page, 'acknowledged', followed).locator('a').focus();
  await page.keyboard.press('Enter');
  await page.locator('.timeline li').nth(3).waitFor();

  const entries = await page.locator('.timeline li').allTextContents();
  expect(entries).toHaveLength(4);
  // Each action by its label, its code beside it for scripts.
  expect(entries[0]).toMatch(/Started.*by officer-1 \(coordinator\)/);
  expect(entries[1]).toMatch(/Submit to the central authority.*Draft → .*by it-clerk \(agency, it-police\)/);
  expect(entries[2]).toMatch(/Transmit to the requested state.*by officer-1/);
  expect(entries[3]).toMatch(/Acknowledge receipt.*Transmitted → Acknowledged.*by gr-clerk \(agency, gr-coastguard\)/);
  await expect(
    page.locator('.timeline li .action').evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
  ).resolves.toEqual(['start', 'submit-for-review', 'transmit', 'acknowledge']);
  await expect(page.locator('.state-diagram .stage.current').getAttribute('data-stage')).resolves.toBe('acknowledged');
  await expect(page.locator('.state-diagram .stage').count()).resolves.toBe(
    Object.keys(definitionOf('mla').states).length,
  );
  await expect(
    page.locator('table.deadlines tbody tr', { hasText: 'Execute the request' }).textContent(),
  ).resolves.toMatch(/running.*left/);

  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(screenshots, 'process.png'), fullPage: true });
  await page.context().close();
}, 60_000);

it('draws the statistics charts from the processes seeded in this run', async () => {
  // Next to the sent request followed above: a sent one executed, a received one refused, a received one withdrawn.
  const executed = await startMla({ agencyId: 'gr-coastguard', state: 'GR' });
  await act(executed, coordinator, 'submit-for-review');
  await act(executed, coordinator, 'transmit');
  await act(executed, greece, 'acknowledge');
  await act(executed, greece, 'start-execution');
  await act(executed, greece, 'complete-execution');
  const received = async (priority: string) => {
    const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
      type: 'mla',
      caseId,
      legalBasis: 'UNTOC',
      priority,
      parties: { requesting: turkeyParty, requested: { agencyId: 'it-police', state: 'IT' } },
    });
    return res.body.id;
  };
  const refused = await received('urgent');
  await act(refused, coordinator, 'submit-for-review');
  await act(refused, coordinator, 'transmit');
  await act(refused, italy, 'acknowledge');
  const security = 'the records concern a national security matter under investigation';
  await act(refused, italy, 'consult', { intended: 'refusal', reasons: security });
  await act(refused, coordinator, 'answer-consultation', { answer: 'no narrower request is possible' });
  await act(refused, italy, 'refuse', { ground: 'essential-interests', reasons: security });
  const withdrawn = await received('normal');
  await act(withdrawn, coordinator, 'withdraw', { reasons: 'sent in error' });
  await Promise.all([
    projected(executed, 'executed'),
    projected(refused, 'refused'),
    projected(withdrawn, 'withdrawn'),
  ]);

  const page = await signedIn(coordinator);
  await page.getByRole('link', { name: 'Statistics' }).click();
  await page.locator('.statistics[aria-busy="false"]').waitFor();
  await expect(page.locator('.statistics .error').count()).resolves.toBe(0);

  const bars = await page
    .locator('figure .chart rect.bar')
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
  expect(bars.length).toBeGreaterThan(0);
  expect(bars.some((v) => v > 0)).toBe(true);
  await expect(page.locator('figure .chart polyline.line').count()).resolves.toBeGreaterThan(0);
  await expect(page.locator('[data-total="Opened"]').textContent()).resolves.toBe('4');
  await expect(page.locator('[data-total="Sent"]').textContent()).resolves.toBe('2');
  // The outcomes chart's bars for mla, each titled "<outcome>, <type>: <count>".
  const outcomes = await page.locator('figure', { hasText: 'Outcomes' }).locator('rect.bar title').allTextContents();
  expect(outcomes.filter((t) => t.includes(', mla: '))).toEqual([
    'executed, mla: 1',
    'partly-executed, mla: 0',
    'refused, mla: 1',
    'withdrawn, mla: 1',
    'closed, mla: 0',
  ]);

  // The same figures as CSV: fetched with the caller's token and saved under the API's file name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^statistics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').split(/\r?\n/);
  expect(csv[0]).toMatch(/^period\.from,period\.to,ownState,type,opened,sent,received,/);
  expect(csv.find((line) => line.includes(',total,'))).toMatch(/^\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},IT,total,4,2,2,/);
  await page.locator('.download-status', { hasText: /downloaded/ }).waitFor();

  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(screenshots, 'statistics.png'), fullPage: true });
  await page.context().close();
}, 60_000);

it("shows an agency user only its own agency's processes, also at a phone's width", async () => {
  const foreign = await startMla(turkeyParty, 'normal');
  await projected(foreign, 'draft');

  const page = await signedIn(greece, { width: 360, height: 740 });
  await card(page, 'acknowledged', followed).waitFor();
  await expect(page.locator(`[data-process-id="${foreign}"]`).count()).resolves.toBe(0);
  await expect(page.locator('#who').textContent()).resolves.toContain('gr-coastguard');
  await expect(page.getByLabel('Agency', { exact: true }).inputValue()).resolves.toBe('gr-coastguard');
  await expect(page.getByLabel('Agency', { exact: true }).getAttribute('readonly')).resolves.not.toBeNull();
  // Nothing wider than the phone: the stages stack instead of running off the side.
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(screenshots, 'board-phone.png'), fullPage: true });

  await page.goto(`${dashboardUrl}#/process/${encodeURIComponent(foreign)}`);
  await page.getByRole('alert').filter({ hasText: 'You may not see this process.' }).waitFor();

  // The coordinator, by contrast, sees both.
  const officer = await signedIn(coordinator);
  await officer.locator(`[data-process-id="${foreign}"]`).waitFor();
  await officer.context().close();
  await page.context().close();
}, 60_000);

// The test below starts its own MLA after the statistics test has counted this file's processes: it stays last.

/** WCAG 2.2 A and AA rules of axe-core on the page as it is now: the violations, by rule and element. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary ?? ''})`));
}

/** A real public key as an installation publishes it, named by its RFC 7638 thumbprint. */
function publishedKey(type: 'ed25519' | 'x25519', use: 'sig' | 'enc') {
  const { crv, x } = generateKeyPairSync(type as 'ed25519').publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(`{"crv":"${crv}","kty":"OKP","x":"${x}"}`).digest('base64url');
  return { kty: 'OKP', crv, x, kid, use };
}

/** How many actions the process has applied, from its workflow (live, not the read model). */
async function sequenceOf(id: string): Promise<number> {
  const res = await stack.api.as(coordinator).get<{ sequence: number }>(`/api/v1/processes/${id}`);
  return res.body.sequence;
}

/** The element that has the keyboard focus: its id, else its text (tests compile without the DOM's types). */
const focused = (page: Page) =>
  page.evaluate(() => {
    type Focused = { id: string; textContent: string } | null;
    const { activeElement } = (globalThis as unknown as { document: { activeElement: Focused } }).document;
    return activeElement?.id || activeElement?.textContent;
  });

const stageFact = (page: Page) => page.locator('dd[data-fact="Stage"]');

it("lets officers act from the process page: forms from the action's schema, errors at the field, a double click applied once", async () => {
  const id = await startMla({ agencyId: 'gr-coastguard', state: 'GR' }, 'normal');
  const page = await signedIn(coordinator);
  await page.goto(`${dashboardUrl}#/process/${encodeURIComponent(id)}`);
  const actions = page.locator('section.actions');
  await actions.getByRole('button', { name: 'Submit to the central authority' }).waitFor();
  // The coordinator may not take the requested agency's actions: the page offers only what the API allows.
  await expect(actions.getByRole('button', { name: 'Acknowledge receipt' }).count()).resolves.toBe(0);

  // An action without details: open, submit, applied; the page shows the new stage.
  await actions.getByRole('button', { name: 'Submit to the central authority' }).click();
  await page.locator('#action-form').getByRole('button', { name: 'Submit to the central authority' }).click();
  await stageFact(page).filter({ hasText: 'Central-authority review' }).waitFor();

  const reviewed = await sequenceOf(id);
  // Every action request the page sends: its idempotency key and the status of its answer.
  const sent: { key: string; status?: number }[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/actions')) return;
    const entry: { key: string; status?: number } = {
      key: (request.postDataJSON() as { idempotencyKey: string }).idempotencyKey,
    };
    sent.push(entry);
    void request.response().then((response) => (entry.status = response?.status()));
  });
  // Keyboard alone: the button opens the form and focus lands in its first field.
  await actions.getByRole('button', { name: 'Return to the drafter' }).focus();
  await page.keyboard.press('Enter');
  const form = page.locator('#action-form');
  await expect(focused(page)).resolves.toBe('action-field-reasons');
  // Submitted empty: said at the field, and nothing is sent.
  await page.keyboard.press('Tab');
  await expect(focused(page)).resolves.toBe('Return to the drafter');
  await page.keyboard.press('Enter');
  await expect(form.locator('#action-field-reasons-error').textContent()).resolves.toBe('Reasons is required.');
  await expect(form.locator('#action-field-reasons').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(focused(page)).resolves.toBe('action-field-reasons');
  // Escape closes the form and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(form.count()).resolves.toBe(0);
  await expect(focused(page)).resolves.toBe('Return to the drafter');
  expect(sent).toEqual([]);

  // A guard's refusal names no field: it is said above the form's button, in the server's words.
  const record = 'Record the translation (18(14))';
  await actions.getByRole('button', { name: record }).click();
  await form.getByLabel('Language (required)').fill('German');
  await form.getByRole('button', { name: record }).click();
  await expect(form.locator('#action-field-language-error').textContent()).resolves.toBe(
    'Language must be a two-letter language code such as fr.',
  );
  expect(sent).toEqual([]);
  await form.getByLabel('Language (required)').fill('de');
  await form.getByRole('button', { name: record }).click();
  await form.locator('.form-error', { hasText: /Not possible now: .*accepted in en, fr/ }).waitFor();
  // The answer to a submission that reached the server is lost on the way back: the page cannot know
  // whether it applied, says so, locks the form as sent, and sends it again with the same key.
  let answers = 0;
  await page.route('**/api/v1/processes/*/actions', async (route) => {
    if (answers++ > 0) return route.continue();
    await route.fetch();
    await route.abort('connectionreset');
  });
  await form.getByLabel('Language (required)').fill('fr');
  await form.getByRole('button', { name: record }).click();
  await form.locator('.form-error', { hasText: /did not confirm.*send it again as it is/ }).waitFor();
  await expect(form.getByLabel('Language (required)').isDisabled()).resolves.toBe(true);
  await form.getByRole('button', { name: `${record}: send again` }).click();
  await form.waitFor({ state: 'detached' });
  await page.unroute('**/api/v1/processes/*/actions');
  // Sent: the refused 'de' under its own key, then 'fr' twice under one key, the second answered 200.
  await waitFor('the answer to the third request', async () => (sent[2]?.status !== undefined ? true : undefined));
  expect(sent.map((s) => s.status)).toEqual([409, undefined, 200]);
  expect(new Set(sent.map((s) => s.key)).size).toBe(2);
  expect(sent[1]?.key).toBe(sent[2]?.key);
  await expect(sequenceOf(id)).resolves.toBe(reviewed + 1);

  // A double click sends the action once: the button is disabled while its request is on its way.
  await actions.getByRole('button', { name: 'Transmit to the requested state' }).click();
  await form.getByRole('button', { name: 'Transmit to the requested state' }).dblclick();
  await stageFact(page).filter({ hasText: 'Transmitted' }).waitFor();
  expect(sent).toHaveLength(4);
  await expect(sequenceOf(id)).resolves.toBe(reviewed + 2);
  // Now the requested state acts; the coordinator may still withdraw or reprioritise, and the buttons say so.
  await expect(actions.getByRole('button').allTextContents()).resolves.toEqual([
    'Withdraw the request',
    'Change the priority (deadlines follow)',
  ]);
  await page.context().close();

  // The requested agency finds it in its inbox, with the deadline that runs, and opens it from there.
  const greek = await signedIn(greece);
  await greek.getByRole('link', { name: 'Inbox' }).click();
  const line = greek.locator(`table.inbox tr[data-process-id="${id}"]`);
  await line.filter({ hasText: /Mutual legal assistance.*Transmitted.*gr-coastguard.*normal.*left/ }).waitFor();
  await expect(accessibilityViolations(greek)).resolves.toEqual([]);
  await greek.screenshot({ path: path.join(screenshots, 'inbox.png'), fullPage: true });
  // The line links to its process (and to its case).
  await line.locator('th').getByRole('link').click();
  await greek.locator('section.actions').getByRole('button', { name: 'Acknowledge receipt' }).click();
  await greek.locator('#action-form').getByRole('button', { name: 'Acknowledge receipt' }).click();
  await stageFact(greek).filter({ hasText: 'Acknowledged' }).waitFor();
  await expect(sequenceOf(id)).resolves.toBe(reviewed + 3);

  // A refusal: the ground is chosen from the grounds of the process's legal basis, with their articles.
  const greekForm = greek.locator('#action-form');
  const refuse = 'Refuse on a permitted ground, with reasons (18(21), 18(23))';
  await greek.locator('section.actions').getByRole('button', { name: refuse }).click();
  await greekForm.getByLabel('Ground (required)').selectOption('no-dual-criminality');
  await expect(greekForm.locator('#action-field-ground option:checked').textContent()).resolves.toBe(
    'no-dual-criminality (UNTOC art. 18(9)): Absence of dual criminality (the state may still assist to the extent it decides)',
  );
  // Long enough for the schema, not for the domain's rule that reasons are in words: the server's
  // refusal (400 PAYLOAD_INVALID, its details naming payload.reasons) is shown at that field.
  await greekForm.getByLabel('Reasons (required)').fill('x'.repeat(40));
  await greekForm.getByRole('button', { name: refuse }).click();
  await greekForm.locator('#action-field-reasons-error', { hasText: /^Reasons .*in words/ }).waitFor();
  await expect(greekForm.locator('#action-field-reasons').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(accessibilityViolations(greek)).resolves.toEqual([]);
  await greek.screenshot({ path: path.join(screenshots, 'action-form.png'), fullPage: true });
  // In words now, but 18(9) asks what assistance without coercion was considered: the guard's
  // refusal names that field, and the page says it there.
  await greekForm.getByLabel('Reasons (required)').fill('The conduct described is not an offence under our law.');
  await greekForm.getByRole('button', { name: refuse }).click();
  await greekForm.locator('#action-field-nonCoerciveAssistance-error', { hasText: /coercive/i }).waitFor();
  await greekForm
    .getByLabel('Non coercive assistance (optional)')
    .fill('Voluntary witness statements were considered; the witness has since left the country.');
  await greekForm.getByRole('button', { name: refuse }).click();
  await stageFact(greek).filter({ hasText: 'Refused' }).waitFor();
  await expect(sequenceOf(id)).resolves.toBe(reviewed + 4);
  await greek.context().close();
}, 120_000);

it('opens a case and starts an MLA in it from the browser: errors at the field, the server’s refusal at its field, one process per intent, even across a lost answer', async () => {
  const page = await signedIn(coordinator);
  await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
  const open = page.locator('#open-case-form');
  await open.waitFor();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);

  // Nothing typed: said at the field, the focus there, nothing sent.
  await open.getByRole('button', { name: 'Open the case' }).click();
  await expect(open.locator('#case-field-title-error').textContent()).resolves.toBe('Title is required.');
  await expect(focused(page)).resolves.toBe('case-field-title');

  const reference = `nl-rotterdam-${Date.now()}`;
  await open.getByLabel('Reference (optional)').fill(reference);
  await open.getByLabel('Title (required)').fill('Rotterdam container route');
  await open.getByRole('button', { name: 'Open the case' }).click();
  await page.getByRole('heading', { name: `Case ${reference}: Rotterdam container route` }).waitFor();
  await page.getByText('No process in this case yet.').waitFor();
  await page.getByText('The processes of this case bring no case rules.').waitFor();

  // The same reference again, as something else: the open case is not changed, and the page says so.
  await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
  await open.getByLabel('Reference (optional)').fill(reference);
  await open.getByLabel('Title (required)').fill('Another title');
  await open.getByRole('button', { name: 'Open the case' }).click();
  await open
    .getByRole('alert')
    .filter({ hasText: `Case ${reference} was already open, as “Rotterdam container route” at H1` })
    .waitFor();
  await open.getByRole('link', { name: `Open case ${reference}` }).click();
  await page.getByRole('heading', { name: `Case ${reference}: Rotterdam container route` }).waitFor();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);

  const start = page.locator('#start-form');
  await start.getByLabel('Process type (required)').selectOption('mla');
  await start.getByRole('button', { name: 'Start the process' }).click();
  await expect(start.locator('#start-legalBasis-error').textContent()).resolves.toBe('Legal basis is required.');
  await expect(start.locator('#start-party-requested-state-error').textContent()).resolves.toBe('State is required.');
  await expect(focused(page)).resolves.toBe('start-legalBasis');
  await expect(accessibilityViolations(page)).resolves.toEqual([]);

  // The EIO binds EU member states only: the server refuses, and says so at the requested state.
  await start.getByLabel('Legal basis (required)').selectOption('EU-EIO');
  await start.locator('#start-party-requesting-agencyId').fill('it-police');
  await start.locator('#start-party-requesting-state').fill('IT');
  await start.locator('#start-party-requested-agencyId').fill(turkeyParty.agencyId);
  await start.locator('#start-party-requested-state').fill(turkeyParty.state);
  await start.getByRole('button', { name: 'Start the process' }).click();
  await start.locator('#start-party-requested-state-error', { hasText: /TR is not bound by EU-EIO/ }).waitFor();
  await expect(start.locator('#start-party-requested-state').getAttribute('aria-invalid')).resolves.toBe('true');

  // Under UNTOC it starts, but the answer is lost on the way back: the form locks as sent, and
  // keeps it locked for the tab when the page is rebuilt (as after signing in again).
  await start.getByLabel('Legal basis (required)').selectOption('UNTOC');
  let answers = 0;
  await page.route('**/api/v1/processes', async (route) => {
    if (route.request().method() !== 'POST' || answers++ > 0) return route.continue();
    await route.fetch();
    await route.abort('connectionreset');
  });
  await start.getByRole('button', { name: 'Start the process' }).click();
  await start.locator('.form-error', { hasText: /did not confirm.*send it again as it is/ }).waitFor();
  await expect(start.getByRole('button', { name: 'Discard it' }).isVisible()).resolves.toBe(true);
  await page.reload();
  await start.locator('.form-error', { hasText: /was not confirmed/ }).waitFor();
  await expect(start.getByLabel('Legal basis (required)').isDisabled()).resolves.toBe(true);
  await expect(start.getByLabel('Legal basis (required)').inputValue()).resolves.toBe('UNTOC');
  // Sent again, double-clicked: one process, and the process page opens.
  await start.getByRole('button', { name: 'Start the process: send again' }).dblclick();
  await page.waitForURL(/#\/process\//);
  await page.unroute('**/api/v1/processes');
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/process/', ''));
  await stageFact(page).filter({ hasText: 'Draft' }).waitFor();
  const found = await stack.api.as(coordinator).get<{ processes: { id: string }[] }>(`/api/v1/cases/${reference}`);
  expect(found.body.processes.map((p) => p.id)).toEqual([id]);

  // The process names its case; the case page lists the process and, once projected, its first event.
  await waitFor(`the start of ${id} in the case's timeline`, async () => {
    const timeline = await stack.api
      .as(coordinator)
      .get<{ items: { processId: string }[] }>(`/api/v1/cases/${reference}/timeline`);
    return timeline.body.items.some((e) => e.processId === id) ? true : undefined;
  });
  await page.locator('dd[data-fact="Case"]').getByRole('link', { name: reference }).click();
  await page.locator(`.case-processes [data-process-id="${id}"]`, { hasText: 'Draft' }).waitFor();
  await page.locator('.timeline .timeline-process', { hasText: id }).waitFor();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(screenshots, 'case.png'), fullPage: true });
  await page.context().close();
}, 120_000);

it('puts a process started outside any case into one from its page: an unknown case named at its field', async () => {
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties: {
      requesting: { agencyId: 'it-police', state: 'IT' },
      requested: { agencyId: 'gr-coastguard', state: 'GR' },
    },
  });
  expect(res.status).toBe(201);
  const loose = res.body.id;
  const page = await signedIn(coordinator);
  await page.goto(`${dashboardUrl}#/process/${encodeURIComponent(loose)}`);
  const link = 'Put the process in a case';
  await page.locator('section.actions').getByRole('button', { name: link }).click();
  const form = page.locator('#action-form');
  await form.locator('#action-field-caseId').fill('no-such-case');
  await form.locator('#action-field-reason').fill('The same smuggling network.');
  await form.getByRole('button', { name: link }).click();
  // The server's refusal, at the field it names.
  await form.locator('#action-field-caseId-error').filter({ hasText: "no case 'no-such-case'" }).waitFor();
  await form.locator('#action-field-caseId').fill(caseId);
  await form.getByRole('button', { name: link }).click();
  await page.locator('dd[data-fact="Case"]').filter({ hasText: caseId }).waitFor();
  // In a case now: the page no longer offers to put it in one.
  await expect(page.locator('section.actions').getByRole('button', { name: link }).count()).resolves.toBe(0);
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.context().close();
}, 60_000);

it('shows what needs attention: a dead-lettered answer with the check it failed, counted in the header', async () => {
  const agency = await registerTestAgency(stack.environment, stack.base, 'mt-police');
  const processId = `mla-never-started-${Date.now()}`;
  try {
    await agency.send(processId, 'not an answer at all');
  } finally {
    await agency.close();
  }
  await waitFor('the dead letter in the read model', async () => {
    const page = await stack.api
      .as(coordinator)
      .get<{ items: { messageKey: string | null }[] }>('/api/v1/dead-letters?limit=200');
    return page.body.items.some((d) => d.messageKey === processId) ? true : undefined;
  });

  const page = await signedIn(coordinator);
  const link = page.getByRole('navigation').getByRole('link', { name: /^Incidents/ });
  // The header counts it (read when the page signs in) and says what it counts in words.
  await page.locator('#incident-count', { hasText: /^[1-9]\d*$/ }).waitFor();
  await expect(link.getAttribute('href')).resolves.toBe('#/incidents');
  await expect(page.locator('#incident-detail').textContent()).resolves.toMatch(/\d+ dead-lettered this week/);
  await link.click();
  const row = page.locator('.dead-letters tr', { hasText: processId });
  await row.waitFor();
  // Plain text where an encrypted answer belongs: the bridge's first check refuses it.
  await expect(row.locator('td').nth(0).textContent()).resolves.toBe('encryption (ANSWER_NOT_ENCRYPTED)');
  await expect(row.locator('td').nth(2).textContent()).resolves.toBe('mt-police');
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(screenshots, 'incidents.png'), fullPage: true });
  await page.context().close();

  // An agency has no incidents view: the link is not there and the API says no.
  const greek = await signedIn(greece);
  await expect(greek.locator('#nav-incidents').isHidden()).resolves.toBe(true);
  await expect(stack.api.as(greece).get('/api/v1/incidents')).resolves.toMatchObject({ status: 403 });
  await greek.context().close();
}, 120_000);

it('finds processes: a list filtered by type, stage and agency, kept in the address, and "go to" by id or case', async () => {
  const page = await signedIn(coordinator);
  await page.getByRole('navigation').getByRole('link', { name: 'Processes' }).click();
  const filters = page.getByRole('form', { name: 'Filter the processes' });
  await filters.getByLabel('Type').selectOption('mla');
  await filters.getByLabel('Stage').selectOption('acknowledged');
  await filters.getByLabel('Agency (a party)').fill('gr-coastguard');
  await filters.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/#\/processes\?type=mla&stage=acknowledged&agency=gr-coastguard$/);
  // The process the first test followed is there (and only processes in that stage are).
  await page.locator(`table.process-list tr[data-process-id="${followed}"]`).waitFor();
  const stages = await page.locator('table.process-list tbody tr td:nth-child(3)').allTextContents();
  expect(new Set(stages)).toEqual(new Set(['Acknowledged']));
  await expect(accessibilityViolations(page)).resolves.toEqual([]);

  // The same list from the address alone (a bookmark), with what the API would refuse left out and said.
  await page.goto(`${dashboardUrl}#/processes?type=mla&stage=no-such-stage&agency=gr-coastguard`);
  await page.getByRole('alert').filter({ hasText: "stage 'no-such-stage' (not a stage of" }).waitFor();
  await page.locator(`table.process-list tr[data-process-id="${followed}"]`).waitFor();

  // The list as CSV: the lines shown, one per process.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Download CSV \(the \d+ shown\)$/ }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('process,type,stage,waiting for,priority,deadline,due,overdue,case');
  expect(csv.find((line) => line.startsWith(`${followed},`))).toMatch(/,Mutual legal assistance,Acknowledged,/);

  // Go to: a process id opens the process; a case reference opens the case.
  const go = page.getByRole('form', { name: 'Go to a process or a case' });
  await go.getByLabel('Process id or case reference').fill(followed);
  await go.getByRole('button', { name: 'Go' }).click();
  await page.waitForURL(new RegExp(`#/process/${followed}$`));
  // Printed, the process page is a request file: its facts and record, without navigation or forms.
  await stageFact(page).waitFor();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.top').isHidden()).resolves.toBe(true);
  await expect(page.locator('section.actions').isHidden()).resolves.toBe(true);
  await expect(page.locator('.print-only').textContent()).resolves.toMatch(
    new RegExp(`^Request file of ${followed}, printed `),
  );
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('navigation').getByRole('link', { name: 'Processes' }).click();
  await go.getByLabel('Process id or case reference').fill(caseId);
  await go.getByRole('button', { name: 'Go' }).click();
  await page.getByRole('heading', { name: new RegExp(`^Case ${caseId}: `) }).waitFor();
  await page.context().close();
}, 90_000);

it('counts the board on the server: narrowed by case and state, a stage shows its first cards and links to the rest in the list', async () => {
  const crowded = await stack.openCase('board-crowded');
  const toTurkey: string[] = [];
  for (let i = 0; i < 10; i++) toTurkey.push(await startMla(turkeyParty, 'high', crowded));
  const toGreece = await startMla({ agencyId: 'gr-coastguard', state: 'GR' }, 'high', crowded);
  await waitFor('the crowded case projected', async () => {
    const page = await stack.api
      .as(coordinator)
      .get<{ items: unknown[] }>(`/api/v1/processes?caseId=${crowded}&limit=200`);
    return page.body.items.length === 11 ? true : undefined;
  });

  const page = await signedIn(coordinator);
  const filters = page.getByRole('form', { name: 'Filter the board' });
  // A state the API would refuse is named, and the board stays as it was.
  await filters.getByLabel('State').fill('Turkey');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('alert').filter({ hasText: "state 'Turkey' (a two-letter ISO code such as GR)" }).waitFor();

  await filters.getByLabel('Case').fill(crowded);
  await filters.getByLabel('State').fill('tr');
  await filters.getByRole('button', { name: 'Apply' }).click();
  const draft = page.locator('.lane[data-type="mla"] .column[data-stage="draft"]');
  await draft.locator('.count', { hasText: /^10$/ }).waitFor();
  const shown = await draft
    .locator('[data-process-id]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-process-id')));
  expect(shown).toHaveLength(8);
  expect(toTurkey).toEqual(expect.arrayContaining(shown));
  await expect(accessibilityViolations(page)).resolves.toEqual([]);

  // The two without a card are in the list, narrowed the same way; the Greek request is in neither.
  await draft.getByRole('link', { name: 'and 2 more in the list' }).click();
  await page.waitForURL(new RegExp(`#/processes\\?type=mla&stage=draft&case=${crowded}&state=TR$`));
  await page.locator(`table.process-list tr[data-process-id="${toTurkey[9]}"]`).waitFor();
  const listed = await page
    .locator('table.process-list tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-process-id')));
  expect([...listed].sort()).toEqual([...toTurkey].sort());
  expect(listed).not.toContain(toGreece);
  await expect(
    page.getByRole('form', { name: 'Filter the processes' }).getByLabel('State (a party)').inputValue(),
  ).resolves.toBe('TR');
  await page.context().close();
}, 120_000);

it('signs in as a user picked by keyboard alone: a wrong agency named at its field, no accessibility violations', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(dashboardUrl);
  await page.getByLabel('User', { exact: true }).waitFor();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  // The user field has the focus; Tab reaches the role, the agency it asks for, then the button.
  await expect(focused(page)).resolves.toBe('picker-user');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('gr-clerk');
  await page.keyboard.press('Tab');
  await expect(focused(page)).resolves.toBe('picker-role');
  await expect(page.getByLabel('Agency', { exact: true }).isHidden()).resolves.toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Role', { exact: true }).inputValue()).resolves.toBe('agency');
  await page.keyboard.press('Tab');
  await expect(focused(page)).resolves.toBe('picker-agency');
  await page.keyboard.insertText('gr coastguard');
  await page.keyboard.press('Tab');
  await expect(focused(page)).resolves.toBe('Sign in as this user');
  await page.keyboard.press('Enter');
  // The dashboard's server refuses the agency (a space): named at the field, which gets the focus.
  const pickForm = page.getByRole('form', { name: 'Pick a user' });
  await pickForm
    .getByRole('alert')
    .filter({ hasText: /^Agency: required for the agency role/ })
    .waitFor();
  await expect(page.getByLabel('Agency', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(focused(page)).resolves.toBe('picker-agency');
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('gr-coastguard');
  await page.keyboard.press('Enter');
  await page.locator('.board[aria-busy="false"]').waitFor();
  await page.locator('#who', { hasText: 'gr-clerk · agency · gr-coastguard' }).waitFor();
  await context.close();
}, 60_000);

it('signs in with a pasted token by keyboard alone', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(dashboardUrl);
  await page.getByLabel('Bearer token').focus();
  await page.keyboard.insertText(await stack.environment.token(coordinator));
  await page.keyboard.press('Tab');
  await expect(focused(page)).resolves.toBe('Sign in');
  await page.keyboard.press('Enter');
  await page.locator('.board[aria-busy="false"]').waitFor();
  await page.locator('#who', { hasText: 'officer-1 · coordinator' }).waitFor();
  await context.close();
}, 60_000);

it('speaks the reader’s language: Spanish from the browser, French when chosen and remembered, labels, dates and errors at the field included', async () => {
  const id = await startMla({ agencyId: 'gr-coastguard', state: 'GR' }, 'normal');
  // A browser in Trinidad that prefers Spanish: the page starts in Spanish, before anyone signs in.
  const context = await browser.newContext({ locale: 'es-TT', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(dashboardUrl);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
  await page.getByLabel('Token de portador').fill(await stack.environment.token(coordinator));
  await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Flujo' }).waitFor();
  await page.locator('#who', { hasText: 'officer-1 · coordinador' }).waitFor();
  // The process definitions' labels too: the lane's title and a stage's column.
  await page.locator('.lane[data-type="mla"] h2', { hasText: 'Asistencia judicial recíproca' }).waitFor();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);

  await page.goto(`${dashboardUrl}#/process/${encodeURIComponent(id)}`);
  await stageFact(page).filter({ hasText: 'Borrador' }).waitFor();
  const actions = page.locator('section.actions');
  const form = page.locator('#action-form');
  await actions.getByRole('button', { name: 'Presentar a la autoridad central' }).click();
  await form.getByRole('button', { name: 'Presentar a la autoridad central' }).click();
  await stageFact(page).filter({ hasText: 'Revisión y traducción por la autoridad central' }).waitFor();
  // The page's own check, in Spanish at the field; nothing is sent.
  await actions.getByRole('button', { name: 'Devolver al redactor' }).click();
  await form.getByRole('button', { name: 'Devolver al redactor' }).click();
  await expect(form.locator('#action-field-reasons-error').textContent()).resolves.toBe('Reasons: campo obligatorio.');
  await expect(form.getByLabel('Reasons (obligatorio)').getAttribute('aria-invalid')).resolves.toBe('true');
  // The schema's field name stays English, marked so for screen readers (WCAG 3.1.2).
  await expect(form.locator('#action-field-reasons-error span[lang="en"]').textContent()).resolves.toBe('Reasons');
  // Dates in the reader's locale: this month as the browser's Spanish (Trinidad) names it, in the timeline.
  const month = (locale: string) =>
    page.evaluate((tag) => new Intl.DateTimeFormat(tag, { month: 'short' }).format(new Date()), locale);
  await page.locator('main', { hasText: await month('es-TT') }).waitFor();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  // Switching language redraws the page: with something typed and not sent, it asks first, and
  // declined, nothing changes.
  await form.getByLabel('Reasons (obligatorio)').fill('Falta la traducción');
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByLabel('Idioma').selectOption('fr');
  await waitFor('the question', async () => (asked.length ? true : undefined));
  expect(asked[0]).toMatch(/^Lo que escribió en esta página y no envió se perderá/);
  await expect(page.getByLabel('Idioma').inputValue()).resolves.toBe('es');
  await expect(form.getByLabel('Reasons (obligatorio)').inputValue()).resolves.toBe('Falta la traducción');
  await page.keyboard.press('Escape');

  // The reader switches to French in the header: the page and its fixed text follow, the focus stays
  // on the picker, and the choice stays after a reload.
  await page.getByLabel('Idioma').focus();
  await page.getByLabel('Idioma').selectOption('fr');
  await expect(focused(page)).resolves.toBe('language');
  await stageFact(page).filter({ hasText: 'Examen et traduction par l’autorité centrale' }).waitFor();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
  await page.getByRole('navigation').getByRole('link', { name: 'Procédures' }).waitFor();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  await page.reload();
  await page.locator('section.actions').getByRole('button', { name: 'Renvoyer au rédacteur' }).waitFor();
  await page.locator('main', { hasText: await month('fr') }).waitFor();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.screenshot({ path: path.join(screenshots, 'process-page-fr.png'), fullPage: true });
  await context.close();
}, 90_000);

/** The standard antivirus test file (EICAR), 68 bytes, which every scanner reports and which harms nothing. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

it('keeps documents on the process page: a PDF uploaded through the form (a lost part sent again), checked, attached and downloaded whole; an infected file quarantined', async () => {
  const id = await startMla({ agencyId: 'gr-coastguard', state: 'GR' }, 'normal');
  const page = await signedIn(coordinator);
  await page.goto(`${dashboardUrl}#/process/${encodeURIComponent(id)}`);
  const documents = page.getByRole('region', { name: 'Documents', exact: true });
  await documents.getByText('No documents you may see on this process yet.').waitFor();
  // Attaching is done from the document itself: the actions offer no form that asks for a document's id.
  await expect(
    page.locator('section.actions').getByRole('button', { name: 'Attach a document' }).count(),
  ).resolves.toBe(0);
  const form = page.getByRole('form', { name: 'Add a document' });
  const fileField = form.getByLabel('File (required)');
  const kindField = form.getByLabel('Kind of document (required)');

  // Nothing chosen: said at the fields, the focus on the first, nothing sent.
  const started: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/documents$/.test(request.url())) started.push(request.url());
  });
  await form.getByRole('button', { name: 'Upload' }).click();
  await expect(form.locator('#document-file-error').textContent()).resolves.toBe('Choose a file.');
  await expect(form.locator('#document-kind-error').textContent()).resolves.toBe('Choose the kind of document.');
  await expect(fileField.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(focused(page)).resolves.toBe('document-file');
  expect(started).toEqual([]);

  // A small PDF. The first time its part is sent the connection drops: the page sends it again.
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1'),
    Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256)),
    Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);
  const parts: string[] = [];
  let letFirstFail: () => void = () => undefined;
  const firstHeld = new Promise<void>((resolve) => (letFirstFail = resolve));
  await page.route('**/api/v1/processes/*/documents/*/parts/*', async (route) => {
    parts.push(new URL(route.request().url()).pathname.replace(/^.*\/parts\//, 'part '));
    if (parts.length > 1) return route.continue();
    await firstHeld;
    await route.abort('connectionreset');
  });
  await fileField.setInputFiles({ name: 'request.pdf', mimeType: 'application/pdf', buffer: pdf });
  await kindField.selectOption('request');
  await expect(form.locator('#document-kind-hint').textContent()).resolves.toBe(
    'The kind “Request” takes application/pdf, application/xml, image/png, image/jpeg, or image/tiff.',
  );
  await form.getByRole('button', { name: 'Upload' }).click();
  // While its part is on its way: the progress bar, named, at 0 %; the form locked.
  const bar = form.getByRole('progressbar', { name: 'Upload of request.pdf' });
  await bar.waitFor();
  await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('0');
  await expect(fileField.isDisabled()).resolves.toBe(true);
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  letFirstFail();
  await form
    .getByRole('status')
    .filter({ hasText: /^request\.pdf is available\.$/ })
    .waitFor({ timeout: 60_000 });
  await page.unroute('**/api/v1/processes/*/documents/*/parts/*');
  expect(parts).toEqual(['part 1', 'part 1']);
  expect(started).toHaveLength(1);
  // The form is free again for the next document.
  await expect(fileField.isDisabled()).resolves.toBe(false);
  await expect(fileField.inputValue()).resolves.toBe('');

  const row = documents.locator('tr', { has: page.getByRole('rowheader', { name: 'request.pdf' }) });
  await row.locator('td[data-status="available"]', { hasText: 'available' }).waitFor();
  await expect(row.locator('td').allTextContents()).resolves.toEqual([
    'Request',
    '3.1 kB',
    'available',
    'not attached',
    expect.stringMatching(/^officer-1 \(coordinator\), /),
    'DownloadAttach to the process',
  ]);

  // Attached (the action attach-document): the focus goes on to the document's download.
  await row.getByRole('button', { name: 'Attach to the process' }).click();
  await row.locator('td[data-attached="true"]', { hasText: 'attached' }).waitFor();
  await documents.getByRole('status').filter({ hasText: 'request.pdf is attached to the process' }).waitFor();
  await expect(row.getByRole('button', { name: 'Attach to the process' }).count()).resolves.toBe(0);
  await expect(focused(page)).resolves.toBe('Download');

  // Downloaded with the caller's token, whole: the bytes saved are the bytes uploaded.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('request.pdf');
  expect(readFileSync(await download.path()).equals(pdf)).toBe(true);
  await documents.getByRole('status').filter({ hasText: 'request.pdf downloaded.' }).waitFor();

  // A download refused, or one that ends short, is said, and nothing is saved.
  const saved: string[] = [];
  page.on('download', (d) => saved.push(d.suggestedFilename()));
  await page.route('**/api/v1/processes/*/documents/*/content', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({
        code: 'DOCUMENT_INTEGRITY_FAILED',
        message: 'the stored document does not match its seal',
      }),
    }),
  );
  await row.getByRole('button', { name: 'Download' }).click();
  await documents
    .getByRole('alert')
    .filter({ hasText: 'request.pdf was not downloaded: the stored document does not match its seal' })
    .waitFor();
  await page.unroute('**/api/v1/processes/*/documents/*/content');
  await page.route('**/api/v1/processes/*/documents/*/content', (route) =>
    route.fulfill({ status: 200, contentType: 'application/pdf', body: pdf.subarray(0, 1000) }),
  );
  await row.getByRole('button', { name: 'Download' }).click();
  await documents
    .getByRole('alert')
    .filter({ hasText: /^The download of request\.pdf ended short \(1 kB of 3\.1 kB\); nothing was saved/ })
    .waitFor();
  await page.unroute('**/api/v1/processes/*/documents/*/content');
  expect(saved).toEqual([]);

  // The EICAR test file: plain text is not a request, a translation says its language (each said at
  // its field, nothing sent); as correspondence it is uploaded, and the scanner quarantines it.
  await fileField.setInputFiles({ name: 'eicar.txt', mimeType: 'text/plain', buffer: Buffer.from(EICAR, 'latin1') });
  await form.getByRole('button', { name: 'Upload' }).click();
  await expect(form.locator('#document-kind-error').textContent()).resolves.toBe('Choose the kind of document.');
  await kindField.selectOption('request');
  await form.getByRole('button', { name: 'Upload' }).click();
  await expect(form.locator('#document-file-error').textContent()).resolves.toMatch(
    /^This file is text\/plain; the kind “Request” takes application\/pdf, /,
  );
  // A translation must say its language (the directory's requirements read it).
  await kindField.selectOption('translation');
  await form.getByRole('button', { name: 'Upload' }).click();
  await expect(form.locator('#document-language-error').textContent()).resolves.toBe(
    'A translation must say its language: a two-letter code such as fr.',
  );
  await expect(form.getByLabel('Language of the document (required)').getAttribute('aria-invalid')).resolves.toBe(
    'true',
  );
  expect(started).toHaveLength(1);
  await kindField.selectOption('correspondence');
  await form.getByLabel('Language of the document (optional)').waitFor();
  await form.getByRole('button', { name: 'Upload' }).click();
  await form
    .getByRole('status')
    .filter({ hasText: /^eicar\.txt was quarantined: INFECTED: / })
    .waitFor({ timeout: 60_000 });
  const infected = documents.locator('tr', { has: page.getByRole('rowheader', { name: 'eicar.txt' }) });
  await infected.locator('td[data-status="quarantined"]', { hasText: /^quarantined: INFECTED: / }).waitFor();
  await expect(infected.locator('td').nth(1).textContent()).resolves.toBe('68 bytes');
  // Never served, never attached: neither is offered.
  await expect(infected.getByRole('button').count()).resolves.toBe(0);
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await documents.screenshot({ path: path.join(screenshots, 'documents.png') });
  await page.context().close();
}, 120_000);

it('shows the directory of competent authorities to a coordinator: per state, narrowed by state and by authority', async () => {
  // Imported as an admin through the API, based on the version in force (states no other test here starts processes with).
  const admin: Actor = { userId: 'admin-1', role: 'admin' };
  const current = await stack.api.as(admin).get<{ version: number }>('/api/v1/directory');
  expect(current.status).toBe(200);
  const page = await signedIn(coordinator);
  const directoryLink = page.getByRole('navigation').getByRole('link', { name: 'Directory', exact: true });
  if (current.body.version === 0) {
    await directoryLink.click();
    await page.getByText('No directory imported yet.').waitFor();
    await expect(page.locator('.view .hint').textContent()).resolves.toBe(
      'An administrator imports one with comity directory import.',
    );
    await page.getByRole('navigation').getByRole('link', { name: 'Statistics', exact: true }).click();
  }
  const imported = await stack.api.as(admin).put<{ version: number }>('/api/v1/directory', {
    basedOn: current.body.version,
    note: 'dashboard browser test',
    states: [
      {
        code: 'LY',
        name: 'Libya',
        authorities: [
          {
            id: 'ly-attorney-general',
            name: 'Office of the Attorney General',
            competences: [{ processTypes: ['mla'], legalBases: ['UNTOC'], measures: ['bank records'] }],
            languages: ['ar'],
            channels: [{ kind: 'comity' }, { kind: 'diplomatic', address: 'Ministry of Foreign Affairs, Tripoli' }],
            contacts: [{ name: 'International cooperation desk', role: 'desk', email: 'coop@example.ly' }],
            requirements: [
              {
                id: 'arabic-translation',
                kind: 'translation',
                description: 'A translation of the request into Arabic',
                processTypes: ['mla'],
              },
            ],
          },
        ],
      },
      {
        code: 'TN',
        name: 'Tunisia',
        installation: {
          id: 'comity-tn',
          endpoint: 'https://comity.justice.example.tn:8443',
          tlsCertificateSha256: 'ab'.repeat(32),
          keys: [publishedKey('ed25519', 'sig'), publishedKey('x25519', 'enc')],
        },
        authorities: [
          {
            id: 'tn-ministry-of-justice',
            name: 'Ministry of Justice, central authority',
            competences: [{ processTypes: ['mla', 'extradition'] }],
            languages: ['ar', 'fr'],
            channels: [{ kind: 'email', address: 'entraide@example.tn' }],
          },
        ],
      },
    ],
  });
  expect(imported).toMatchObject({ status: 201, body: { version: current.body.version + 1 } });

  await directoryLink.click();
  await page.getByRole('heading', { level: 1, name: 'Directory of competent authorities' }).waitFor();
  await page.locator('.directory-version', { hasText: `Version ${imported.body.version}, imported ` }).waitFor();
  await expect(page.locator('.directory-version').textContent()).resolves.toMatch(/ by admin-1\.$/);
  const libya = page.locator('section[data-state="LY"]');
  const tunisia = page.locator('section[data-state="TN"]');
  await libya.getByRole('heading', { name: 'Libya (LY)' }).waitFor();
  await tunisia.getByRole('heading', { name: 'Tunisia (TN)' }).waitFor();
  await expect(tunisia.locator('.directory-installation').textContent()).resolves.toBe(
    `Runs its own Comity: installation comity-tn at https://comity.justice.example.tn:8443, certificate ${'ab'.repeat(8)}…`,
  );
  await expect(libya.locator('.directory-installation').count()).resolves.toBe(0);

  const row = libya.locator('tr', { has: page.getByRole('rowheader', { name: /Office of the Attorney General/ }) });
  await expect(row.getByRole('rowheader').textContent()).resolves.toBe(
    'Office of the Attorney Generally-attorney-general',
  );
  const cells = await row.locator('td').allTextContents();
  expect(cells[0]).toContain('Process types: Mutual legal assistance');
  expect(cells[0]).toContain('Instruments: UNTOC');
  expect(cells[0]).toContain('Measures: bank records');
  expect(cells[1]).toBe('Arabic (ar)');
  expect(cells[2]).toContain('Diplomatic channel: Ministry of Foreign Affairs, Tripoli');
  await expect(row.getByRole('link', { name: 'coop@example.ly' }).getAttribute('href')).resolves.toBe(
    'mailto:coop@example.ly',
  );
  expect(cells[4]).toBe('A translation of the request into Arabic (translation)');
  await expect(
    libya.getByRole('table', { name: 'Competent authorities: Libya (LY)' }).locator('th[scope="col"]').count(),
  ).resolves.toBe(6);

  const filters = page.getByRole('search', { name: 'Filter the directory' });
  await filters.getByLabel('State').selectOption('TN');
  await expect(libya.count()).resolves.toBe(0);
  await tunisia.waitFor();
  await expect(page.locator('#live-region').textContent()).resolves.toBe('1 authority shown.');
  await filters.getByLabel('State').selectOption('');
  await filters.getByLabel('Authority name or id').fill('ATTORNEY');
  await expect(tunisia.count()).resolves.toBe(0);
  await libya.locator('tr[data-authority="ly-attorney-general"]').waitFor();
  await filters.getByLabel('Authority name or id').fill('nobody');
  await page.getByText('No authority matches the filters.').waitFor();
  await filters.getByLabel('Authority name or id').fill('');
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await page.context().close();
}, 60_000);

it('records from the process page a step an authority reached by post took: the channel and the day asked, the scan chosen, shown on the timeline', async () => {
  const admin: Actor = { userId: 'admin-1', role: 'admin' };
  const current = await stack.api.as(admin).get<{ version: number }>('/api/v1/directory');
  const imported = await stack.api.as(admin).put('/api/v1/directory', {
    basedOn: current.body.version,
    note: 'an authority reached by post',
    states: [
      {
        code: 'GY',
        name: 'Guyana',
        authorities: [
          {
            id: 'gy-legal-affairs',
            name: 'Ministry of Legal Affairs',
            competences: [{ processTypes: ['mla'] }],
            languages: ['en'],
            channels: [{ kind: 'post', address: '95 Carmichael Street, Georgetown' }],
          },
        ],
      },
    ],
  });
  expect(imported.status).toBe(201);
  const id = await startMla({ agencyId: 'gy-legal-affairs', state: 'GY' }, 'normal');
  await act(id, coordinator, 'submit-for-review');
  await act(id, coordinator, 'record-translation', { language: 'en' });
  await act(id, coordinator, 'transmit');
  // The scan of the acknowledgment letter, uploaded, checked and attached through the API.
  const documents = `/api/v1/processes/${id}/documents`;
  const letter = Buffer.from('%PDF-1.7\n% acknowledgment of receipt, by registered post\n%%EOF\n');
  const upload = await stack.api.as(coordinator).post<{ id: string }>(documents, {
    kind: 'correspondence',
    name: 'acknowledgment.pdf',
    mediaType: 'application/pdf',
    size: letter.length,
  });
  const put = await fetch(`${stack.base}${documents}/${upload.body.id}/parts/1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await stack.environment.token(coordinator)}` },
    body: letter,
  });
  expect(put.status).toBe(200);
  expect((await stack.api.as(coordinator).post(`${documents}/${upload.body.id}/complete`, {})).status).toBe(202);
  await waitFor('the scan checked', async () => {
    const doc = await stack.api.as(coordinator).get<{ status: string }>(`${documents}/${upload.body.id}`);
    return doc.body.status === 'available' ? true : undefined;
  });
  await act(id, coordinator, 'attach-document', { documentId: upload.body.id });

  const page = await signedIn(coordinator);
  await page.goto(`${dashboardUrl}#/process/${encodeURIComponent(id)}`);
  const group = page.getByRole('group', { name: 'Record a step taken outside Comity by gy-legal-affairs' });
  await group.getByRole('button', { name: 'Acknowledge receipt' }).click();
  const form = page.locator('#action-form');
  // The day is asked: submitted without it, it is said at its field and nothing is sent.
  await form.getByLabel('Sent or received outside Comity (required)').selectOption({ label: 'By post' });
  await form.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await expect(form.locator('#action-field-offChannel-date-error').textContent()).resolves.toBe(
    'Date sent or received is required.',
  );
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await form.getByLabel('Date sent or received (required)').fill(day);
  await form.getByLabel('Reference (registered post, note verbale) (optional)').fill('RR 9876 5432 1GY');
  await form.getByRole('checkbox', { name: 'acknowledgment.pdf' }).check();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  await form.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await stageFact(page).filter({ hasText: 'Acknowledged' }).waitFor();
  await page
    .locator('.timeline li .off-channel', {
      hasText: /^By post, on .* · ref\. RR 9876 5432 1GY · recorded for gy-legal-affairs$/,
    })
    .waitFor();
  const timeline = await stack.api
    .as(coordinator)
    .get<{ items: { action: string; offChannel?: { documents: string[]; onBehalfOf?: { party: string } } }[] }>(
      `/api/v1/processes/${id}/timeline`,
    );
  expect(timeline.body.items.find((i) => i.action === 'acknowledge')?.offChannel).toMatchObject({
    onBehalfOf: { party: 'requested' },
    documents: [upload.body.id],
  });
  await page.context().close();
}, 120_000);
