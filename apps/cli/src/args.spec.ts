import { applySets, parseCommandArgs, parseJsonObject, parseParties, positionals, positiveInt, takeWord } from './args';
import { UsageError } from './exit-codes';

describe('takeWord', () => {
  it('skips global flags and their values before the command', () => {
    expect(takeWord(['--api', 'http://x', '--json', 'list', '--type', 'mla'])).toEqual({
      word: 'list',
      rest: ['--api', 'http://x', '--json', '--type', 'mla'],
    });
    expect(takeWord(['--token=abc', 'show', 'id-1'])).toEqual({ word: 'show', rest: ['--token=abc', 'id-1'] });
    expect(takeWord(['--json'])).toEqual({ rest: ['--json'] });
  });
});

describe('parseCommandArgs', () => {
  it('accepts the global flags with the command flags', () => {
    const { values, positionals: args } = parseCommandArgs(['x', '--json', '--type', 'mla'], {
      type: { type: 'string' },
    });
    expect(values).toEqual({ json: true, type: 'mla' });
    expect(args).toEqual(['x']);
  });

  it('refuses unknown flags and missing values as usage errors', () => {
    expect(() => parseCommandArgs(['--bogus'], {})).toThrow(new UsageError("Unknown option '--bogus'"));
    expect(() => parseCommandArgs(['--type'], { type: { type: 'string' } })).toThrow(UsageError);
  });
});

describe('parseParties', () => {
  it('reads slot=agency:state, upper-casing the state and allowing colons in the agency id', () => {
    expect(parseParties(['requesting=it-ministry-of-justice:IT', 'requested=ly:attorney-general:ly'])).toEqual({
      requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
      requested: { agencyId: 'ly:attorney-general', state: 'LY' },
    });
  });

  it.each([['requesting'], ['requesting=it-moj'], ['=it-moj:IT'], ['requesting=:IT'], ['requesting=it-moj:ITA']])(
    'refuses %s',
    (value) => expect(() => parseParties([value])).toThrow(UsageError),
  );

  it('refuses a slot given twice', () => {
    expect(() => parseParties(['a=x:IT', 'a=y:FR'])).toThrow('--party a is given twice');
  });
});

describe('applySets', () => {
  it('sets strings, JSON values and nested keys over the base payload', () => {
    const base = { language: 'en', keep: 1 };
    expect(applySets(base, ['language=ar', 'count:=3', 'flag:=true', 'when.date=2027-01-15', 'empty='])).toEqual({
      language: 'ar',
      keep: 1,
      count: 3,
      flag: true,
      when: { date: '2027-01-15' },
      empty: '',
    });
    expect(base).toEqual({ language: 'en', keep: 1 });
  });

  it('keeps = signs in the value', () => {
    expect(applySets({}, ['q=a=b'])).toEqual({ q: 'a=b' });
  });

  it.each([['novalue'], ['=x'], ['a..b=c'], ['n:={bad']])('refuses %s', (set) => {
    expect(() => applySets({}, [set])).toThrow(UsageError);
  });
});

describe('parseJsonObject', () => {
  const noFiles = () => {
    throw new Error('ENOENT');
  };
  it('parses an inline object or reads @file', () => {
    expect(parseJsonObject('{"a":1}', '--data', noFiles)).toEqual({ a: 1 });
    expect(parseJsonObject('@p.json', '--data', () => '{"b":2}')).toEqual({ b: 2 });
  });

  it.each([['[1]'], ['"x"'], ['null'], ['{oops']])('refuses %s', (text) => {
    expect(() => parseJsonObject(text, '--data', noFiles)).toThrow(UsageError);
  });

  it('reports an unreadable file as a usage error', () => {
    expect(() => parseJsonObject('@missing.json', '--data', noFiles)).toThrow('--data: cannot read missing.json');
  });
});

describe('positionals and numbers', () => {
  it('wants exactly the named arguments', () => {
    expect(positionals(['a', 'b'], ['id', 'action'])).toEqual(['a', 'b']);
    expect(() => positionals(['a'], ['id', 'action'])).toThrow('missing <action>');
    expect(() => positionals(['a', 'b'], ['id'])).toThrow("unexpected argument 'b'");
  });

  it('takes whole numbers in range', () => {
    expect(positiveInt('20', '--limit', 200)).toBe(20);
    expect(positiveInt(undefined, '--limit', 200)).toBeUndefined();
    for (const bad of ['0', '201', '1.5', 'ten']) expect(() => positiveInt(bad, '--limit', 200)).toThrow(UsageError);
  });
});
