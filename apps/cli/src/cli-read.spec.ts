import { run } from './cli';
import { fakeRuntime } from './testing/fake-runtime';
import { cli, processBody as resource } from './testing/process-fixture';

describe('comity: reading and watching', () => {
  it('shows a process without a timeline when the API has no timeline route', async () => {
    const { code, stdout } = await cli(['show', 'mla-1'], (req) =>
      req.url.pathname.endsWith('/timeline')
        ? { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /x' } }
        : { status: 200, body: resource },
    );
    expect(code).toBe(0);
    expect(stdout()).toMatch(/Review\s+2026-01-02 12:00Z\s+in 1d\s+running/);
    expect(stdout()).not.toContain('timeline');
  });

  it('shows the timeline when the API has one', async () => {
    const timeline = {
      items: [
        {
          sequence: 0,
          type: 'comity.mla.started.v1',
          action: null,
          fromStage: null,
          stage: 'draft',
          actor: { userId: 'o-1', role: 'coordinator' },
          occurredAt: '2026-01-01T10:00:00Z',
        },
        {
          sequence: 1,
          type: 'x',
          action: 'submit-for-review',
          fromStage: 'draft',
          stage: 'ca-review',
          actor: { userId: 'it', role: 'agency', agencyId: 'it-moj' },
          occurredAt: '2026-01-01T11:00:00Z',
        },
      ],
    };
    const { stdout } = await cli(['show', 'mla-1'], (req) => ({
      status: 200,
      body: req.url.pathname.endsWith('/timeline') ? timeline : resource,
    }));
    expect(stdout()).toMatch(/1\s+2026-01-01 11:00Z\s+submit-for-review\s+draft -> ca-review\s+it \(it-moj\)/);
  });

  it('says when the API has no cases endpoint (exit 69)', async () => {
    const { code, stderr } = await cli(['cases', 'open', '--title', 'Network X'], () => ({
      status: 404,
      body: { statusCode: 404, code: 'NOT_FOUND', message: 'Cannot POST /api/v1/cases' },
    }));
    expect(code).toBe(69);
    expect(stderr()).toContain('this API has no cases endpoint');
  });

  const caseFacts = {
    caseId: 'it-2026-001',
    title: 'Network X',
    handlingCode: 'H2',
    openedBy: { userId: 'officer-1', role: 'coordinator' },
    openedAt: '2026-03-01T09:00:00.000Z',
  };

  it('opens a case and shows it with its processes', async () => {
    const opened = await cli(['cases', 'open', '--title', 'Network X', '--case-id', 'it-2026-001'], (req) => ({
      status: 200,
      body: { ...caseFacts, ...(req.body as object), created: false },
    }));
    expect(opened.code).toBe(0);
    expect(opened.requests[0]?.body).toEqual({ caseId: 'it-2026-001', title: 'Network X' });
    expect(opened.stdout()).toMatch(/^case it-2026-001 was already open\ncase\s+it-2026-001\ntitle\s+Network X/);

    const shown = await cli(['cases', 'show', 'it-2026-001'], () => ({
      status: 200,
      body: { ...caseFacts, processes: [{ id: 'mla-1', type: 'mla', stage: 'transmitted' }], obligations: [] },
    }));
    expect(shown.stdout()).toMatch(
      /handling code\s+H2\nopened\s+2026-03-01 09:00Z by officer-1[\s\S]*mla-1\s+mla\s+transmitted/,
    );
  });

  it('shows a partial case answer with what it has, after the server opened the case', async () => {
    const opened = await cli(['cases', 'open', '--title', 'Network X'], () => ({
      status: 201,
      body: { caseId: 'it-2026-002', title: 'Network X' },
    }));
    expect(opened.code).toBe(0);
    expect(opened.stdout()).toMatch(
      /^opened case it-2026-002\ncase\s+it-2026-002\ntitle\s+Network X\nhandling code\s+-\nopened\s+-/,
    );
  });

  it('shows control characters from the API as escapes, never raw, and keeps --json exact', async () => {
    const title = 'Network X\u001b[2J\u001b]0;pwned\u0007\u009b31m';
    const answer = () => ({ status: 200, body: { ...caseFacts, title, processes: [], obligations: [] } });
    const shown = await cli(['cases', 'show', 'it-2026-001'], answer);
    expect(shown.stdout()).toContain('title          Network X\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\n');
    const asJson = await cli(['cases', 'show', 'it-2026-001', '--json'], answer);
    expect(asJson.stdout()).not.toMatch(/[^\n -~]/);
    expect(JSON.parse(asJson.stdout())).toMatchObject({ title });

    const refused = await cli(['show', 'mla-1'], () => ({
      status: 400,
      body: {
        statusCode: 400,
        code: 'VALIDATION_FAILED\u001b[31m',
        message: 'bad\u001b]0;x\u0007',
        details: ['\u009b2J'],
      },
    }));
    expect(refused.stderr()).toBe('error: bad\\u001b]0;x\\u0007 (VALIDATION_FAILED\\u001b[31m)\n  \\u009b2J');
  });

  it('watches until the process reaches a final stage', async () => {
    const states = [
      resource,
      resource,
      { ...resource, stage: 'executed', stageLabel: 'Executed', sequence: 2, terminal: true },
    ];
    const { code, stdout } = await cli(['watch', 'mla-1', '--interval', '100ms', '--until-final'], () => ({
      status: 200,
      body: states.shift() ?? resource,
    }));
    expect(code).toBe(0);
    expect(stdout().split('\n')).toEqual([
      '2026-01-01T11:00:00Z  #1  ca-review (Central-authority review)',
      '2026-01-01T11:00:00Z  #2  executed  [final]',
    ]);
  });

  it('stops watching on Ctrl-C with exit code 130', async () => {
    const fake = fakeRuntime(() => ({ status: 200, body: resource }));
    const running = run(['watch', 'mla-1', '--interval', '10s'], fake.runtime);
    await new Promise((r) => setTimeout(r, 50));
    fake.interrupt();
    expect(await running).toBe(130);
    expect(fake.stdout()).toContain('#1  ca-review');
  });
});
