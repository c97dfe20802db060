import { connectionRefused } from './testing/fake-runtime';
import { cli, processBody as resource } from './testing/process-fixture';

describe('comity: writing and refusals', () => {
  it('starts a process with its parties, data and key', async () => {
    const { code, requests, stdout } = await cli(
      [
        'start',
        'mla',
        '--legal-basis',
        'UNTOC',
        '--party',
        'requesting=it-moj:it',
        '--party',
        'requested=ly-ag:LY',
      ].concat([
        '--case',
        'case-1',
        '--priority',
        'urgent',
        '--data',
        '{"summary":"bank records"}',
        '--idempotency-key',
        'key-00001',
      ]),
      () => ({ status: 201, body: { id: 'mla-1', type: 'mla', stage: 'draft', created: true } }),
    );
    expect(code).toBe(0);
    expect(stdout()).toBe('started mla-1 (mla), stage draft');
    expect(requests[0]).toMatchObject({ method: 'POST', url: new URL('http://api.test/api/v1/processes') });
    expect(requests[0]?.headers['authorization']).toBe('Bearer test-token');
    expect(requests[0]?.body).toEqual({
      type: 'mla',
      caseId: 'case-1',
      legalBasis: 'UNTOC',
      priority: 'urgent',
      parties: { requesting: { agencyId: 'it-moj', state: 'IT' }, requested: { agencyId: 'ly-ag', state: 'LY' } },
      data: { summary: 'bank records' },
      idempotencyKey: 'key-00001',
    });
  });

  it.each([
    [['start', 'mla', '--party', 'a=b:IT']],
    [['start', 'mla', '--legal-basis', 'UNTOC']],
    [['start', 'mla', '--legal-basis', 'UNTOC', '--party', 'a=b:IT', '--priority', 'asap']],
    [['list', '--limit', '0']],
    [['act', 'mla-1']],
    [['act', 'mla-1', 'x', '--payload', '[1]']],
    [['watch', 'mla-1', '--interval', 'soon']],
    [['frobnicate']],
    [[]],
  ])('refuses %j with exit code 2 and sends nothing', async (argv) => {
    const { code, requests, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(requests).toEqual([]);
    expect(stderr()).toMatch(/^error: .* \(USAGE\)/);
  });

  it('acts with --set fields merged over --payload and prints the new stage', async () => {
    const { code, requests, stdout } = await cli(
      ['act', 'mla-1', 'record-translation', '--payload', '{"language":"en","n":1}', '--set', 'language=ar'],
      () => ({ status: 200, body: resource }),
    );
    expect(code).toBe(0);
    expect(requests[0]?.url.pathname).toBe('/api/v1/processes/mla-1/actions');
    expect(requests[0]?.body).toEqual({ action: 'record-translation', payload: { language: 'ar', n: 1 } });
    expect(stdout()).toContain('stage  ca-review (Central-authority review)');
    expect(stdout()).toMatch(/transmit\s+Transmit/);
  });

  it('maps an API refusal to its exit code and prints message, code and details', async () => {
    const refusal = { statusCode: 409, code: 'ACTION_NOT_ALLOWED_IN_STATE', message: 'not now', details: ['stage: x'] };
    const { code, stderr } = await cli(['act', 'mla-1', 'acknowledge'], () => ({ status: 409, body: refusal }));
    expect(code).toBe(6);
    expect(stderr()).toBe('error: not now (ACTION_NOT_ALLOWED_IN_STATE)\n  stage: x');
  });

  it('prints a JSON error object with --json', async () => {
    const { code, stdout } = await cli(['--json', 'show', 'nope'], () => ({
      status: 404,
      body: { statusCode: 404, code: 'PROCESS_NOT_FOUND', message: "no process 'nope'" },
    }));
    expect(code).toBe(5);
    expect(JSON.parse(stdout())).toEqual({
      error: { statusCode: 404, code: 'PROCESS_NOT_FOUND', message: "no process 'nope'", details: [], exitCode: 5 },
    });
  });

  it('says the API is unavailable when the connection is refused', async () => {
    const { code, stderr } = await cli(['list'], () => connectionRefused());
    expect(code).toBe(69);
    expect(stderr()).toBe('error: cannot reach the API at http://api.test (ECONNREFUSED) (SERVICE_UNAVAILABLE)');
  });

  it('follows every page with --all', async () => {
    const { code, stdout, requests } = await cli(['list', '--all', '--json', '--type', 'mla'], (req) =>
      req.url.searchParams.get('cursor')
        ? { status: 200, body: { items: [{ id: 'b' }] } }
        : { status: 200, body: { items: [{ id: 'a' }], nextCursor: 'c1' } },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout())).toEqual({ items: [{ id: 'a' }, { id: 'b' }] });
    expect(requests.map((r) => r.url.search)).toEqual(['?type=mla', '?type=mla&cursor=c1']);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await cli(['act', '--help']);
    expect(code).toBe(0);
    expect(stdout()).toContain('usage: comity act <process id> <action>');
  });
});
