import type { StepResult } from '@aws-secrets-actions/testkit';
import { describe, expect, it } from 'vitest';
import { failureMessage, useHarness } from './harness.js';

const h = useHarness();

const BOOLEANS = 'one of true, True, TRUE, false, False, FALSE';
const NOT_A_NAME = 'is not a secret name (letters, digits and /_+=.@-, at most 512 characters) or ARN';
const NO_REFERENCES = '; give one secret per line, without an alias, a * prefix, ?stage= or #key.';

interface RefusedCase {
  readonly name: string;
  readonly inputs: Record<string, string>;
  readonly message: string;
}

const ONE = { 'secret-ids': 'prod/db' };

/** Inputs refused before any AWS call (no token asked for either): one clear error naming the input. */
const refused: RefusedCase[] = [
  // Secret names the service cannot hold, and reference syntax rotate-secret does not take
  { name: 'a name with ::', inputs: { 'secret-ids': 'prod::db' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod::db'.` },
  { name: 'a line that is a workflow command', inputs: { 'secret-ids': 'prod/db\n::add-mask::x' }, message: `Input 'secret-ids' line 2 ${NOT_A_NAME}: '\\::add-mask::x'.` },
  { name: 'a name with %', inputs: { 'secret-ids': 'prod/100%' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/100%'.` },
  { name: 'a name with %0A', inputs: { 'secret-ids': 'prod/db%0A::warning::x' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/db%0A::warning::x'.` },
  { name: 'a name with <<', inputs: { 'secret-ids': 'prod/db<<EOF' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/db<<EOF'.` },
  { name: 'a Unicode name', inputs: { 'secret-ids': 'prod/ключ' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/ключ'.` },
  { name: 'an emoji name', inputs: { 'secret-ids': 'prod/🔑' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/🔑'.` },
  { name: 'a 1 000-character name', inputs: { 'secret-ids': 'n'.repeat(1000) }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: '${'n'.repeat(1000)}'.` },
  { name: 'a space inside a name', inputs: { 'secret-ids': 'prod/my db' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/my db'.` },
  { name: 'a trailing comma', inputs: { 'secret-ids': 'prod/db,' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/db,'${NO_REFERENCES}` },
  { name: 'two names on one line', inputs: { 'secret-ids': 'prod/db,prod/api' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/db,prod/api'${NO_REFERENCES}` },
  { name: 'an alias', inputs: { 'secret-ids': 'DB,prod/db' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'DB,prod/db'${NO_REFERENCES}` },
  { name: 'a * in the middle', inputs: { 'secret-ids': 'prod/*/db' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/*/db'${NO_REFERENCES}` },
  { name: 'a prefix', inputs: { 'secret-ids': 'prod/*' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/*'${NO_REFERENCES}` },
  { name: 'a ?stage= selector', inputs: { 'secret-ids': 'prod/db?stage=AWSCURRENT' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/db?stage=AWSCURRENT'${NO_REFERENCES}` },
  { name: 'an empty #', inputs: { 'secret-ids': 'prod/db#' }, message: `Input 'secret-ids' line 1 ${NOT_A_NAME}: 'prod/db#'${NO_REFERENCES}` },
  { name: 'a name given twice', inputs: { 'secret-ids': 'prod/db\n  prod/db  ' }, message: `Input 'secret-ids' names 'prod/db' twice (line 2).` },
  { name: 'an ARN of another service', inputs: { 'secret-ids': 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }, message: `Input 'secret-ids' line 1 is not a Secrets Manager secret ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/db'.` },
  // Booleans: only the YAML 1.2 core schema set
  { name: 'rotate-immediately: yes', inputs: { ...ONE, 'rotate-immediately': 'yes' }, message: `Input 'rotate-immediately' must be a boolean: ${BOOLEANS}; got 'yes'.` },
  { name: 'wait: 1', inputs: { ...ONE, wait: '1' }, message: `Input 'wait' must be a boolean: ${BOOLEANS}; got '1'.` },
  { name: 'rollback-on-failure: on', inputs: { ...ONE, 'rollback-on-failure': 'on' }, message: `Input 'rollback-on-failure' must be a boolean: ${BOOLEANS}; got 'on'.` },
  { name: 'export-credentials: y', inputs: { ...ONE, 'export-credentials': 'y' }, message: `Input 'export-credentials' must be a boolean: ${BOOLEANS}; got 'y'.` },
  // Numbers
  { name: 'a negative timeout-seconds', inputs: { ...ONE, 'timeout-seconds': '-1' }, message: `Input 'timeout-seconds' must be a whole number from 1 to 21600; got '-1'.` },
  { name: 'a zero timeout-seconds', inputs: { ...ONE, 'timeout-seconds': '0' }, message: `Input 'timeout-seconds' must be from 1 to 21600; got 0.` },
  { name: 'a huge timeout-seconds', inputs: { ...ONE, 'timeout-seconds': '99999999999999999999' }, message: `Input 'timeout-seconds' must be from 1 to 21600; got 99999999999999999999.` },
  { name: 'a fractional timeout-seconds', inputs: { ...ONE, 'timeout-seconds': '1.5' }, message: `Input 'timeout-seconds' must be a whole number from 1 to 21600; got '1.5'.` },
  { name: 'a timeout-seconds with a unit', inputs: { ...ONE, 'timeout-seconds': '5m' }, message: `Input 'timeout-seconds' must be a whole number from 1 to 21600; got '5m'.` },
  { name: 'a zero automatically-after-days', inputs: { ...ONE, 'automatically-after-days': '0' }, message: `Input 'automatically-after-days' must be from 1 to 1000; got 0.` },
  { name: 'a negative automatically-after-days', inputs: { ...ONE, 'automatically-after-days': '-30' }, message: `Input 'automatically-after-days' must be a whole number from 1 to 1000; got '-30'.` },
  { name: 'a huge automatically-after-days', inputs: { ...ONE, 'automatically-after-days': '99999999999999999999' }, message: `Input 'automatically-after-days' must be from 1 to 1000; got 99999999999999999999.` },
  { name: 'a negative rotation-window', inputs: { ...ONE, 'rotation-schedule': 'rate(10 days)', 'rotation-window': '-1h' }, message: `Input 'rotation-window' must be a whole number of hours from 1h to 24h; got '-1h'.` },
  { name: 'a rotation-window past 24h', inputs: { ...ONE, 'rotation-schedule': 'rate(10 days)', 'rotation-window': '25h' }, message: `Input 'rotation-window' must be a whole number of hours from 1h to 24h; got '25h'.` },
  { name: 'a rate of 0 days', inputs: { ...ONE, 'rotation-schedule': 'rate(0 days)' }, message: `Input 'rotation-schedule' must rotate every 1 to 1000 days; got 'rate(0 days)'.` },
  { name: 'a huge rate', inputs: { ...ONE, 'rotation-schedule': 'rate(99999999999999999999 days)' }, message: `Input 'rotation-schedule' must rotate every 1 to 1000 days; got 'rate(99999999999999999999 days)'.` },
  // Enums and free-form values
  { name: 'on-pending: maybe', inputs: { ...ONE, 'on-pending': 'maybe' }, message: `Input 'on-pending' must be one of fail, wait, clear; got 'maybe'.` },
  { name: 'on-pending: Fail (wrong case)', inputs: { ...ONE, 'on-pending': 'Fail' }, message: `Input 'on-pending' must be one of fail, wait, clear; got 'Fail'.` },
  { name: 'a schedule in words', inputs: { ...ONE, 'rotation-schedule': 'every day' }, message: `Input 'rotation-schedule' must be rate(N days), rate(N hours) or cron(MIN HOUR DAY MONTH WEEKDAY YEAR); got 'every day'.` },
  { name: 'a schedule that is a workflow command', inputs: { ...ONE, 'rotation-schedule': '::stop-commands::x' }, message: `Input 'rotation-schedule' must be rate(N days), rate(N hours) or cron(MIN HOUR DAY MONTH WEEKDAY YEAR); got '\\::stop-commands::x'.` },
  { name: 'a rotation-lambda-arn that is not an ARN', inputs: { ...ONE, 'rotation-lambda-arn': 'my-rotator' }, message: `Input 'rotation-lambda-arn' must be a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:NAME; got 'my-rotator'.` },
  { name: 'a rotation-lambda-arn with a newline', inputs: { ...ONE, 'rotation-lambda-arn': 'arn:aws:lambda:us-east-1:123456789012:function:x\n::warning::y' }, message: `Input 'rotation-lambda-arn' must be a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:NAME; got 'arn:aws:lambda:us-east-1:123456789012:function:x\\n::warning::y'.` },
  { name: 'both rotation-schedule and automatically-after-days', inputs: { ...ONE, 'rotation-schedule': 'rate(10 days)', 'automatically-after-days': '10' }, message: `Inputs 'rotation-schedule' and 'automatically-after-days' are mutually exclusive: give one of them.` },
];

describe('rotate-secret hostile inputs refused before any AWS call', () => {
  it.each(refused)('refuses $name', async ({ inputs, message }) => {
    const result = await h.run(inputs);

    expect(failureMessage(result)).toBe(`rotate-secret: ${message}`);
    expect(visibleCommands(result)).toEqual(['error']);
    expect(h.proxy.calls).toEqual([]);
    expect(h.oidc.requests).toEqual([]);
    expect(h.simulator.rotations).toEqual([]);
    expect(result.outputs).toEqual({});
    h.expectNoLeaks(result);
  });
});

/** The workflow commands a step issued, other than masks and the token request's debug line. */
function visibleCommands(result: StepResult): string[] {
  return result.commands.map((command) => command.command).filter((command) => command !== 'add-mask' && command !== 'debug');
}

describe('rotate-secret reads names and values written loosely but unambiguously', () => {
  it('rotates names with spaces around them, a CRLF line ending and the ghadelimiter_ prefix, keyed by the trimmed name', async () => {
    const names = await h.seed(['spaced', 'ghadelimiter_6b']);
    const result = await h.run({ 'secret-ids': `   ${names[0]!}   \r\n\t${names[1]!}\r\n\r\n` });

    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.outputs.rotated!)).toEqual(names);
    expect(Object.keys(JSON.parse(result.outputs['version-ids']!) as Record<string, string>)).toEqual(names);
    expect(h.proxy.count('secretsmanager:RotateSecret')).toBe(2);
    h.expectNoLeaks(result);
  });

  it("reads wait ' TRUE ' as true (trimmed, as @actions/core's getBooleanInput does) and accepts the boundary numbers", async () => {
    const [name] = await h.seed(['bounds']);
    const result = await h.run({ 'secret-ids': name!, wait: ' TRUE ', 'timeout-seconds': '21600', 'automatically-after-days': '1000' });

    expect(result.errors).toEqual([]);
    expect(JSON.parse(result.outputs.rotated!)).toEqual([name]);
    // Waited: the new version is AWSCURRENT when the step ends.
    expect(await h.currentVersion(name!)).toBe((JSON.parse(result.outputs['version-ids']!) as Record<string, string>)[name!]);
    expect((await h.describe(name!)).RotationRules?.AutomaticallyAfterDays).toBe(1000);
    h.expectNoLeaks(result);
  });
});
