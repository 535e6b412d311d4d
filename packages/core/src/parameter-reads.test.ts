import {
  GetParametersByPathCommand,
  GetParametersCommand,
  SSMClient,
  type GetParametersByPathCommandInput,
  type GetParametersByPathCommandOutput,
  type GetParametersCommandInput,
  type Parameter,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLimiter } from './concurrency.js';
import type { Limit, ReadOutcome } from './fetch-types.js';
import { PARAMETERS_PER_CALL, readParameterPath, readParameters, withoutSelector } from './parameter-reads.js';

const ssm = mockClient(SSMClient);
const client = new SSMClient({ region: 'us-east-1' });
const REGION = 'us-east-1';
const MODIFIED = new Date('2026-02-03T04:05:06.000Z');
const ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
const HINT = "The parameter is looked up in region 'us-east-1': give its ARN (ssm:arn:…) or set 'aws-region' if it lives elsewhere.";

beforeEach(() => {
  ssm.reset();
});

afterAll(() => {
  ssm.restore();
});

function countingLimit(): { limit: Limit; count: () => number } {
  const inner = createLimiter(4);
  let count = 0;
  return {
    count: () => count,
    limit: (task) => {
      count++;
      return inner(task);
    },
  };
}

/** Answers GetParameters for every requested name `N` with value `value-of-N` (the base name), except those listed as invalid. */
function serveParameters(invalid: readonly string[] = []): void {
  ssm.on(GetParametersCommand).callsFake((input: GetParametersCommandInput) => {
    const names = input.Names ?? [];
    return Promise.resolve({
      Parameters: names
        .filter((name) => !invalid.includes(name))
        .map((name): Parameter => ({ Name: withoutSelector(name), Value: `value-of-${withoutSelector(name)}`, Version: 1, Type: 'String' })),
      InvalidParameters: names.filter((name) => invalid.includes(name)),
    });
  });
}

const callNames = (): string[][] => ssm.commandCalls(GetParametersCommand).map((call) => call.args[0].input.Names ?? []);

describe('withoutSelector', () => {
  it.each([
    { input: '/app/db', expected: '/app/db' },
    { input: '/app/db:3', expected: '/app/db' },
    { input: '/app/db:prod', expected: '/app/db' },
    { input: 'db:stable_1.x-y', expected: 'db' },
    { input: ARN, expected: ARN },
    { input: `${ARN}:2`, expected: ARN },
    { input: `${ARN}:blue`, expected: ARN },
    { input: 'arn:aws:ssm:us-east-1:123456789012:parameter/db', expected: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' },
  ])('takes $input to $expected', ({ input, expected }) => {
    expect(withoutSelector(input)).toBe(expected);
  });
});

describe('readParameters', () => {
  it('asks for at most 10 names per call', () => {
    expect(PARAMETERS_PER_CALL).toBe(10);
  });

  it('makes no call for no names', async () => {
    await expect(readParameters(client, REGION, [], createLimiter(1))).resolves.toEqual(new Map());
    expect(ssm.calls()).toHaveLength(0);
  });

  it('never asks for one parameter twice in a call, and still fills calls up to 10', async () => {
    serveParameters();
    const requested = ['/a:1', '/a:2', '/a', ...Array.from({ length: 10 }, (_, index) => `/p${index}`)];
    const outcomes = await readParameters(client, REGION, requested, createLimiter(2));
    expect(callNames()).toEqual([
      ['/a:1', '/p0', '/p1', '/p2', '/p3', '/p4', '/p5', '/p6', '/p7', '/p8'],
      ['/a:2', '/p9'],
      ['/a'],
    ]);
    expect([...outcomes.keys()].sort()).toEqual([...requested].sort());
  });

  it('matches an answer by name or by ARN, with or without the selector echoed', async () => {
    ssm.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: '/app/label', Selector: ':prod', Value: 'labelled', Version: 4 },
        { Name: '/app/plain', Value: 'plain', Version: 2 },
        { Name: '/app/db', ARN, Value: 'by-arn', Version: 7, LastModifiedDate: MODIFIED, Type: 'SecureString' },
      ],
    });
    const outcomes = await readParameters(client, REGION, ['/app/label:prod', '/app/plain:2', `${ARN}:7`], createLimiter(1));
    expect(outcomes.get('/app/label:prod')).toStrictEqual({
      values: [{ sourceName: 'ssm:/app/label', nameBase: '/app/label', arn: undefined, version: '4 (prod)', createdDate: undefined, value: 'labelled' }],
    });
    expect(outcomes.get('/app/plain:2')).toStrictEqual({
      values: [{ sourceName: 'ssm:/app/plain', nameBase: '/app/plain', arn: undefined, version: '2', createdDate: undefined, value: 'plain' }],
    });
    expect(outcomes.get(`${ARN}:7`)).toStrictEqual({
      values: [{ sourceName: 'ssm:/app/db', nameBase: '/app/db', arn: ARN, version: '7', createdDate: MODIFIED, value: 'by-arn' }],
    });
  });

  it('matches an answer whose Name is the ARN that was asked for', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: ARN, ARN, Value: 'shared', Version: 1 }] });
    const outcomes = await readParameters(client, REGION, [ARN], createLimiter(1));
    expect(outcomes.get(ARN)).toEqual({ values: [expect.objectContaining({ sourceName: `ssm:${ARN}`, value: 'shared' })] });
  });

  it('keeps a StringList as one string, and an absent value as empty', async () => {
    ssm.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: '/hosts', Type: 'StringList', Value: 'a,b,c', Version: 1 },
        { Name: '/nothing', Type: 'String' },
      ],
    });
    const outcomes = await readParameters(client, REGION, ['/hosts', '/nothing'], createLimiter(1));
    expect(outcomes.get('/hosts')).toEqual({ values: [expect.objectContaining({ value: 'a,b,c', version: '1' })] });
    expect(outcomes.get('/nothing')).toEqual({ values: [expect.objectContaining({ value: '', version: 'unknown' })] });
  });

  it('fails names in InvalidParameters as missing, and a name answered with nothing at all as missing too', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/ok', Value: 'ok' }], InvalidParameters: ['/gone:3'] });
    const outcomes = await readParameters(client, REGION, ['/ok', '/gone:3', '/silent'], createLimiter(1));
    expect(outcomes.get('/gone:3')).toEqual({ failure: { reason: "no parameter '/gone:3' in us-east-1", hints: [HINT], missing: true } });
    expect(outcomes.get('/silent')).toEqual({ failure: { reason: "GetParameters returned nothing for '/silent' in us-east-1", hints: [HINT], missing: true } });
  });

  it('fails every name of a call that fails, and only those', async () => {
    const names = Array.from({ length: 12 }, (_, index) => `/p${index}`);
    ssm.on(GetParametersCommand).callsFake((input: GetParametersCommandInput) =>
      (input.Names ?? []).includes('/p10')
        ? Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
        : Promise.resolve({ Parameters: (input.Names ?? []).map((name) => ({ Name: name, Value: name })) }),
    );
    const outcomes = await readParameters(client, REGION, names, createLimiter(2));
    const failed = [...outcomes].filter(([, outcome]) => 'failure' in outcome);
    expect(failed).toEqual(
      ['/p10', '/p11'].map((name) => [
        name,
        { failure: { reason: `GetParameters for parameter '${name}' in us-east-1 failed: ThrottlingException: Rate exceeded`, hints: [], missing: false } },
      ]),
    );
  });

  it.each([
    { code: 'ParameterNotFound', missing: true },
    { code: 'ParameterVersionNotFound', missing: true },
    { code: 'InternalServerError', missing: false },
  ])('counts a thrown $code as missing: $missing', async ({ code, missing }) => {
    ssm.on(GetParametersCommand).rejects(Object.assign(new Error('no'), { name: code }));
    const outcome = (await readParameters(client, REGION, ['/x'], createLimiter(1))).get('/x') as { failure: { missing: boolean } };
    expect(outcome.failure.missing).toBe(missing);
  });

  it('sends every call through the limiter', async () => {
    serveParameters();
    const { limit, count } = countingLimit();
    await readParameters(client, REGION, Array.from({ length: 25 }, (_, index) => `/p${index}`), limit);
    expect(count()).toBe(3);
  });
});

describe('readParameterPath', () => {
  const query = { Recursive: true, WithDecryption: true, MaxResults: 10 };
  const byPathInputs = (): GetParametersByPathCommandInput[] => ssm.commandCalls(GetParametersByPathCommand).map((call) => call.args[0].input);

  function servePages(pages: Record<string, Partial<GetParametersByPathCommandOutput> | Error>): void {
    ssm.on(GetParametersByPathCommand).callsFake((input: GetParametersByPathCommandInput) => {
      const page = pages[input.NextToken ?? ''] ?? {};
      return page instanceof Error ? Promise.reject(page) : Promise.resolve(page);
    });
  }

  it.each([
    { path: '/app/prod/', apiPath: '/app/prod' },
    { path: '/app/', apiPath: '/app' },
    { path: '/', apiPath: '/' },
  ])('sends $path as $apiPath', async ({ path, apiPath }) => {
    servePages({ '': { Parameters: [{ Name: `${path}x`, Value: 'v' }] } });
    await readParameterPath(client, REGION, path, createLimiter(1));
    expect(byPathInputs()).toEqual([{ Path: apiPath, ...query }]);
  });

  it('names each value below the path and describes where it came from', async () => {
    servePages({
      '': {
        Parameters: [
          { Name: '/app/prod/db/password', ARN: `${ARN}/password`, Value: 'pw', Version: 3, LastModifiedDate: MODIFIED, Type: 'SecureString' },
          { Name: '/app/prod/hosts', Value: 'a,b', Version: 1, Type: 'StringList' },
        ],
      },
    });
    const outcome = await readParameterPath(client, REGION, '/app/prod/', createLimiter(1));
    expect(outcome).toStrictEqual({
      values: [
        { sourceName: 'ssm:/app/prod/db/password', nameBase: 'db/password', arn: `${ARN}/password`, version: '3', createdDate: MODIFIED, value: 'pw' },
        { sourceName: 'ssm:/app/prod/hosts', nameBase: 'hosts', arn: undefined, version: '1', createdDate: undefined, value: 'a,b' },
      ],
    });
  });

  it('ignores answers that are not below the path', async () => {
    servePages({ '': { Parameters: [{ Name: '/app/production/x', Value: 'no' }, { Value: 'nameless' }, { Name: '/app/prod/ok', Value: 'yes' }] } });
    const outcome = await readParameterPath(client, REGION, '/app/prod/', createLimiter(1));
    expect(outcome).toEqual({ values: [expect.objectContaining({ nameBase: 'ok', value: 'yes' })] });
  });

  it('pages until there is no NextToken (an empty one included), through empty pages', async () => {
    servePages({
      '': { Parameters: [], NextToken: 't1' },
      t1: { Parameters: [{ Name: '/app/a', Value: 'a' }], NextToken: 't2' },
      t2: { Parameters: [{ Name: '/app/b', Value: 'b' }], NextToken: '' },
    });
    const { limit, count } = countingLimit();
    const outcome = await readParameterPath(client, REGION, '/app/', limit);
    expect(byPathInputs()).toEqual([
      { Path: '/app', ...query },
      { Path: '/app', ...query, NextToken: 't1' },
      { Path: '/app', ...query, NextToken: 't2' },
    ]);
    expect(count()).toBe(3);
    expect(outcome).toEqual({ values: [expect.objectContaining({ value: 'a' }), expect.objectContaining({ value: 'b' })] });
  });

  it('fails the whole path, returning no value, when a later page fails', async () => {
    servePages({
      '': { Parameters: [{ Name: '/app/a', Value: 'a-value' }], NextToken: 't1' },
      t1: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    });
    await expect(readParameterPath(client, REGION, '/app/', createLimiter(1))).resolves.toEqual({
      failure: { reason: "GetParametersByPath for path '/app/' in us-east-1 failed: ThrottlingException: Rate exceeded", hints: [], missing: false },
    });
  });

  it('fails a path with nothing below it as missing', async () => {
    servePages({ '': { Parameters: [], NextToken: 't1' }, t1: {} });
    const outcome: ReadOutcome = await readParameterPath(client, REGION, '/app/', createLimiter(1));
    expect(outcome).toEqual({ failure: { reason: "no parameter below '/app/' in us-east-1", hints: [], missing: true } });
  });
});
